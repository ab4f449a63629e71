import { App, DatePicker, Form, Input, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { creditApi } from '../../api/credit';
import type { ListingGround, ListingSubjectKind, ProposeListingRequest } from '../../api/types';
import { RegionPicker } from '../../components/region-picker';
import { useLang, useT } from '../../i18n';
import { shanghaiDate } from '../../lib/format';
import { bilingual, useCatalog } from '../../lib/use-catalog';
import { CreditFormModal } from './credit-form-modal';
import { useCreditCatalog } from './use-credit-catalog';

/** Named like the DTO's fields, so the server's field errors land beside them. */
interface Values {
  ground?: ListingGround;
  legalBasis?: string;
  facts?: string;
  decisionNo?: string;
  decisionDate?: Dayjs | null;
  subjectKind: ListingSubjectKind;
  subjectName?: string;
  subjectUscc?: string;
  subjectIdNumber?: string;
  regionCode?: string;
  ipType?: ProposeListingRequest['ipType'];
}

const SUBJECT_KINDS: readonly ListingSubjectKind[] = ['enterprise', 'individual'];

/**
 * 提出列入 by hand: the ground (its source and list shown as it is chosen), the legal basis, the facts (internal),
 * the decision it rests on, and the subject — an enterprise by its credit code, an individual by their resident ID
 * (published masked). Opens the new listing.
 */
export function ProposeDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { catalog, ground: groundOf, label } = useCreditCatalog();
  const { options: caseOptions } = useCatalog();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('subjectKind', form);
  const ground = groundOf(Form.useWatch('ground', form));
  const today = shanghaiDate();

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];

  const send = async (v: Values) => {
    const text = (s: string | undefined) => s?.trim() ?? '';
    const body: ProposeListingRequest = {
      ground: v.ground as ListingGround,
      legalBasis: text(v.legalBasis),
      facts: text(v.facts),
      decisionNo: text(v.decisionNo),
      decisionDate: v.decisionDate?.format('YYYY-MM-DD'),
      subjectKind: v.subjectKind,
      subjectName: text(v.subjectName),
    };
    if (v.subjectKind === 'enterprise') body.subjectUscc = text(v.subjectUscc).toUpperCase();
    else body.subjectIdNumber = text(v.subjectIdNumber).toUpperCase();
    if (v.regionCode) body.regionCode = v.regionCode;
    if (v.ipType) body.ipType = v.ipType;
    const created = await creditApi.propose(body);
    message.success(t('credit.propose.done', { number: created.listingNo }));
    onClose();
    navigate(`/credit/${created.id}`);
  };

  return (
    <CreditFormModal<Values>
      open={open}
      title={t('credit.propose.title')}
      intro={t('credit.propose.intro')}
      form={form}
      name="listing-propose"
      okText={t('credit.propose.submit')}
      initialValues={{ subjectKind: 'enterprise' }}
      send={send}
      onClose={onClose}
    >
      <Form.Item
        label={t('credit.field.ground')}
        name="ground"
        rules={[{ required: true, message: t('common.selectRequired', { field: t('credit.field.ground') }) }]}
        extra={
          ground ? (
            <span data-testid="propose-ground-source">
              {t('credit.field.groundSource', {
                list: label('regimes', ground.regime),
                law: ground.source.law,
                article: ground.source.article,
              })}
              <br />
              {bilingual(ground.when, lang)}
            </span>
          ) : undefined
        }
      >
        <Select
          options={(catalog?.grounds ?? []).map((g) => ({
            value: g.code,
            label: g.automatic
              ? t('credit.field.groundAutomatic', { ground: bilingual(g, lang) })
              : bilingual(g, lang),
          }))}
        />
      </Form.Item>
      <Form.Item
        label={t('credit.field.legalBasis')}
        name="legalBasis"
        extra={t('credit.field.legalBasisHint')}
        rules={required(t('credit.field.legalBasis'))}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item
        label={t('credit.field.facts')}
        name="facts"
        extra={t('credit.field.factsHint')}
        rules={required(t('credit.field.facts'))}
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <div className="form-row">
        <Form.Item
          label={t('credit.field.decisionNo')}
          name="decisionNo"
          rules={required(t('credit.field.decisionNo'))}
        >
          <Input maxLength={100} placeholder="杭知执罚决〔2026〕1号" />
        </Form.Item>
        <Form.Item
          label={t('credit.field.decisionDate')}
          name="decisionDate"
          rules={[
            {
              required: true,
              message: t('common.selectRequired', { field: t('credit.field.decisionDate') }),
            },
          ]}
        >
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > today} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item label={t('credit.field.subjectKind')} name="subjectKind">
        <Radio.Group
          options={SUBJECT_KINDS.map((k) => ({ value: k, label: t(`credit.subjectKind.${k}`) }))}
          optionType="button"
        />
      </Form.Item>
      <Form.Item
        label={t(kind === 'individual' ? 'credit.field.personName' : 'credit.field.subjectName')}
        name="subjectName"
        rules={required(t('credit.field.subjectName'))}
      >
        <Input maxLength={200} />
      </Form.Item>
      {kind === 'individual' ? (
        <Form.Item
          label={t('credit.field.idNumber')}
          name="subjectIdNumber"
          extra={t('credit.field.idNumberHint')}
          rules={required(t('credit.field.idNumber'))}
        >
          <Input maxLength={18} className="mono" autoComplete="off" />
        </Form.Item>
      ) : (
        <Form.Item label={t('credit.field.uscc')} name="subjectUscc" rules={required(t('credit.field.uscc'))}>
          <Input maxLength={18} className="mono" autoComplete="off" />
        </Form.Item>
      )}
      <div className="form-row">
        <Form.Item label={t('credit.field.region')} name="regionCode" extra={t('credit.field.regionHint')}>
          <RegionPicker />
        </Form.Item>
        <Form.Item label={t('cases.field.ipType')} name="ipType">
          <Select allowClear options={caseOptions('ipTypes')} />
        </Form.Item>
      </div>
    </CreditFormModal>
  );
}
