import { Alert, App, Form, Input, Modal, Radio } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ComplaintDetail } from '../../api/complaints';
import { referralsApi } from '../../api/referrals';
import type { Competence, ComplaintReferralKind, CreateReferralRequest } from '../../api/types';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { OfficeSelect } from '../../components/office-select';
import { useT, type MessageKey } from '../../i18n';
import { useCatalog } from '../../lib/use-catalog';
import { useFormSubmit } from '../../lib/use-form-submit';
import { useReferralCatalog } from '../../lib/use-referral-catalog';
import { ReferralSuggestions } from '../cases/referral-suggestions';

/** Named like CreateReferralDto's fields, so the server's field errors land beside them. */
interface Values {
  kind?: ComplaintReferralKind;
  toOfficeId?: string;
  reason?: string;
  legalBasis?: string;
  request?: string;
}

type TextField = 'reason' | 'legalBasis' | 'request';

/** The texts asked for, and for which kinds each is required (and sent); `reason` is always. */
const TEXTS: { name: TextField; label: MessageKey; rows: number; for?: ComplaintReferralKind }[] = [
  { name: 'reason', label: 'referrals.field.reason', rows: 3 },
  { name: 'legalBasis', label: 'cases.field.legalBasis', rows: 2, for: 'jurisdiction' },
  { name: 'request', label: 'referrals.field.request', rows: 3, for: 'assistance' },
];

interface Props {
  detail: ComplaintDetail;
  /** the kinds the complaint may be referred by in its state */
  kinds: readonly ComplaintReferralKind[];
  open: boolean;
  onClose: () => void;
}

/**
 * 移送工单: transfer a complaint to the competent office before the acceptance decision (with its legal basis; the
 * receiving office takes it over when it accepts) or ask another office for assistance. The offices offered have
 * the competence of the complaint's IP type; no evidence or county goes with a complaint. On success the new
 * referral's page opens.
 */
export function ComplaintReferralDialog({ detail, kinds, open, onClose }: Props) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { options } = useReferralCatalog();
  const { catalog } = useCatalog();
  const [form] = Form.useForm<Values>();
  const { saving, problem, submit, clearProblem } = useFormSubmit(form);
  const kind = Form.useWatch('kind', form);
  const competence = catalog?.ipTypes.find((i) => i.code === detail.ipType)?.competence as
    Competence | undefined;

  const close = () => {
    clearProblem();
    onClose();
  };

  const create = (v: Values) => {
    if (!v.kind) return;
    const body: CreateReferralRequest = { kind: v.kind, toOfficeId: v.toOfficeId, reason: '' };
    for (const f of TEXTS) {
      const text = v[f.name]?.trim();
      if (!f.for || f.for === v.kind) body[f.name] = text ?? '';
    }
    return submit(async () => {
      const created = await referralsApi.createForComplaint(detail.id, body);
      message.success(t('referrals.created', { number: created.referralNo }));
      navigate(`/referrals/${created.id}`);
    });
  };

  return (
    <Modal
      open={open}
      title={t('complaints.refer.title')}
      width={640}
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
        name={`complaint-referral-${detail.id}`}
        onFinish={create}
        disabled={saving}
        initialValues={{ kind: kinds.length === 1 ? kinds[0] : undefined }}
      >
        <Form.Item
          label={t('referrals.col.kind')}
          name="kind"
          rules={[
            { required: true, message: t('common.selectRequired', { field: t('referrals.col.kind') }) },
          ]}
        >
          <Radio.Group
            options={options('kinds').filter((o) => kinds.includes(o.value as ComplaintReferralKind))}
          />
        </Form.Item>
        {kind === 'jurisdiction' ? (
          <>
            <Alert
              className="form-alert"
              type="warning"
              showIcon
              title={t('complaints.refer.transferHint')}
            />
            <ReferralSuggestions
              complaintId={detail.id}
              onPick={(picked) => form.setFieldsValue({ toOfficeId: picked.office.id })}
            />
          </>
        ) : null}
        {kind ? (
          <>
            <Form.Item
              label={t('referrals.field.to')}
              name="toOfficeId"
              rules={[
                { required: true, message: t('common.selectRequired', { field: t('referrals.field.to') }) },
              ]}
            >
              <OfficeSelect competence={competence} excludeId={detail.officeId ?? undefined} />
            </Form.Item>
            {TEXTS.filter((f) => !f.for || f.for === kind).map((f) => (
              <Form.Item
                key={f.name}
                label={t(f.label)}
                name={f.name}
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { field: t(f.label) }) },
                ]}
              >
                <Input.TextArea rows={f.rows} maxLength={2000} showCount />
              </Form.Item>
            ))}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
