import { App, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useNavigate } from 'react-router-dom';
import { evidenceApi } from '../../api/cases';
import { referralsApi } from '../../api/referrals';
import type { CaseDetail, Competence, CreateReferralRequest, ReferralKind } from '../../api/types';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { OfficeSelect } from '../../components/office-select';
import { RegionPicker } from '../../components/region-picker';
import { useT } from '../../i18n';
import { yuanToFen } from '../../lib/money';
import { useAsync } from '../../lib/use-async';
import { useCatalog } from '../../lib/use-catalog';
import { useFormSubmit } from '../../lib/use-form-submit';
import { useOffice } from '../../lib/use-office';
import { useReferralCatalog } from '../../lib/use-referral-catalog';
import { ReferralCriminalFields } from './referral-criminal-fields';
import { ReferralSuggestions } from './referral-suggestions';

/** Named like CreateReferralDto's fields, so the server's field errors land beside them. */
interface Values {
  kind?: ReferralKind;
  toOfficeId?: string;
  toOfficeIds?: string[];
  reason?: string;
  legalBasis?: string;
  request?: string;
  evidenceIds?: string[];
  targetRegionCode?: string;
  teamUserIds?: string[];
  caseSummary?: string;
  suspicionBasis?: string;
  /** yuan in the form, fen on the wire */
  valueInvolvedFen?: number | null;
  caseHandling?: 'suspend' | 'continue';
}

interface Props {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
}

const ASKS = ['assistance', 'joint'];

/**
 * 移送: refer the case to another office — jurisdiction transfer (with its legal basis and the county it will be
 * handled in), assistance request, joint action (several offices) or criminal transfer (to a police office, with
 * the special team's report). The receiving offices offered have the case's competence (public security for a
 * criminal transfer); the evidence ticked is what they may open. On success the new referral's page opens.
 */
export function ReferralDialog({ detail, open, onClose }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { options } = useReferralCatalog();
  const { catalog } = useCatalog();
  const [form] = Form.useForm<Values>();
  const { saving, problem, submit, clearProblem } = useFormSubmit(form);
  const kind = Form.useWatch('kind', form);
  const toOfficeId = Form.useWatch('toOfficeId', form);
  const target = useOffice(kind === 'jurisdiction' ? toOfficeId : undefined);
  const evidence = useAsync(
    (signal) => (open ? evidenceApi.list(detail.id, signal) : Promise.resolve(null)),
    [open, detail.id],
  );

  const ipCompetence = catalog?.ipTypes.find((i) => i.code === detail.ipType)?.competence as
    Competence | undefined;
  const competence: Competence | undefined = kind === 'criminal' ? 'public_security' : ipCompetence;

  const close = () => {
    clearProblem();
    onClose();
  };

  const create = (v: Values) => {
    if (!v.kind) return;
    const body: CreateReferralRequest = { kind: v.kind, reason: v.reason?.trim() ?? '' };
    if (v.kind === 'joint') body.toOfficeIds = v.toOfficeIds;
    else body.toOfficeId = v.toOfficeId;
    if (v.legalBasis?.trim()) body.legalBasis = v.legalBasis.trim();
    if (ASKS.includes(v.kind)) body.request = v.request?.trim();
    if (v.evidenceIds?.length) body.evidenceIds = v.evidenceIds;
    if (v.kind === 'jurisdiction' && v.targetRegionCode) body.targetRegionCode = v.targetRegionCode;
    if (v.kind === 'criminal') {
      body.teamUserIds = v.teamUserIds;
      body.caseSummary = v.caseSummary?.trim();
      body.suspicionBasis = v.suspicionBasis?.trim();
      body.valueInvolvedFen = yuanToFen(v.valueInvolvedFen);
      body.caseHandling = v.caseHandling;
    }
    return submit(async () => {
      const created = await referralsApi.create(detail.id, body);
      message.success(t('referrals.created', { number: created.referralNo }));
      navigate(`/referrals/${created.id}`);
    });
  };

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];
  const selectRequired = (field: string) => [
    { required: true, message: t('common.selectRequired', { field }) },
  ];

  return (
    <Modal
      open={open}
      title={t('referrals.refer.title')}
      width={720}
      okText={t('referrals.refer.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      maskClosable={false}
    >
      <FormProblemAlert problem={problem} />
      <Form<Values>
        form={form}
        layout="vertical"
        name={`case-referral-${detail.id}`}
        onFinish={create}
        disabled={saving}
        initialValues={{ teamUserIds: detail.officers.map((o) => o.userId) }}
        onValuesChange={(changed: Values) => {
          // another kind may need offices of another competence
          if ('kind' in changed)
            form.setFieldsValue({
              toOfficeId: undefined,
              toOfficeIds: undefined,
              targetRegionCode: undefined,
            });
          if ('toOfficeId' in changed) form.setFieldsValue({ targetRegionCode: undefined });
        }}
      >
        <Form.Item
          label={t('referrals.col.kind')}
          name="kind"
          rules={selectRequired(t('referrals.col.kind'))}
        >
          <Radio.Group options={options('kinds')} />
        </Form.Item>
        {kind === 'jurisdiction' ? (
          <ReferralSuggestions
            caseId={detail.id}
            onPick={(picked) =>
              form.setFieldsValue({ toOfficeId: picked.office.id, targetRegionCode: picked.regionCode })
            }
          />
        ) : null}
        {kind ? (
          <>
            {kind === 'joint' ? (
              <Form.Item
                label={t('referrals.field.toOffices')}
                name="toOfficeIds"
                extra={t('referrals.field.toOfficesHint')}
                rules={selectRequired(t('referrals.field.toOffices'))}
              >
                <OfficeSelect key="joint" multiple competence={competence} excludeId={detail.officeId} />
              </Form.Item>
            ) : (
              <Form.Item
                label={t('referrals.field.to')}
                name="toOfficeId"
                rules={selectRequired(t('referrals.field.to'))}
              >
                <OfficeSelect key={kind} competence={competence} excludeId={detail.officeId} />
              </Form.Item>
            )}
            {kind === 'jurisdiction' ? (
              <Form.Item
                label={t('referrals.field.targetRegion')}
                name="targetRegionCode"
                extra={t('referrals.field.targetRegionHint')}
              >
                <RegionPicker
                  within={target?.regionCode}
                  prefer={target?.regionCode}
                  disabled={!toOfficeId}
                />
              </Form.Item>
            ) : null}
            <Form.Item
              label={t('referrals.field.reason')}
              name="reason"
              rules={required(t('referrals.field.reason'))}
            >
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item
              label={t('cases.field.legalBasis')}
              name="legalBasis"
              rules={kind === 'jurisdiction' ? required(t('cases.field.legalBasis')) : []}
            >
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            {ASKS.includes(kind) ? (
              <Form.Item
                label={t('referrals.field.request')}
                name="request"
                rules={required(t('referrals.field.request'))}
              >
                <Input.TextArea rows={3} maxLength={2000} showCount />
              </Form.Item>
            ) : null}
            {kind === 'criminal' ? <ReferralCriminalFields detail={detail} /> : null}
            <Form.Item
              label={t('referrals.field.evidence')}
              name="evidenceIds"
              extra={evidence.data?.length ? t('referrals.field.evidenceHint') : t('referrals.evidence.none')}
            >
              <Checkbox.Group
                className="checkbox-column"
                options={(evidence.data ?? []).map((e) => ({ value: e.id, label: e.title }))}
              />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
