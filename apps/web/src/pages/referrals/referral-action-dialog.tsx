import { App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { referralsApi } from '../../api/referrals';
import type { ApiError } from '../../api/http';
import type {
  AvailableReferralAction,
  Competence,
  ReferralActionRequest,
  ReferralDetail,
} from '../../api/types';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { OfficeSelect } from '../../components/office-select';
import { RegionPicker } from '../../components/region-picker';
import { useLang, useT } from '../../i18n';
import { shanghaiDate } from '../../lib/format';
import { bilingual, useCatalog } from '../../lib/use-catalog';
import { useFormSubmit } from '../../lib/use-form-submit';
import { useOffice } from '../../lib/use-office';
import { useReferralCatalog } from '../../lib/use-referral-catalog';

/** Named like the DTO's fields, so the server's field errors land beside them. */
interface Values {
  reason?: string;
  answer?: string;
  documentDate?: Dayjs | null;
  designatedOfficeId?: string;
  regionCode?: string;
}

interface Props {
  detail: ReferralDetail;
  /** the step to take; the dialog is open while this is set */
  action: AvailableReferralAction | null;
  onClose: () => void;
  /** the step succeeded: the server's fresh referral */
  onDone: (updated: ReferralDetail) => void;
  /** 409: the referral changed meanwhile (STALE_VERSION) or the step no longer fits its state */
  onConflict: (error: ApiError) => void;
}

/**
 * One dialog for every referral step, asking exactly what the step `requires` (reason, answer, the date on the
 * police's notice, the designated office with an optional county) and sending the version the page read.
 */
export function ReferralActionDialog({ detail, action, onClose, onDone, onConflict }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { label } = useReferralCatalog();
  const { catalog: caseCatalog } = useCatalog();
  const [form] = Form.useForm<Values>();
  const { saving, problem, submit, clearProblem } = useFormSubmit(form);
  const designated = Form.useWatch('designatedOfficeId', form);

  const requires = new Set(action?.requires ?? []);
  const name = action ? bilingual(action.label, lang) || action.action : '';
  const today = shanghaiDate();
  const competence = caseCatalog?.ipTypes.find((i) => i.code === detail.case.ipType)?.competence as
    Competence | undefined;

  const close = () => {
    clearProblem();
    onClose();
  };

  const act = async (v: Values) => {
    if (!action) return;
    const body: ReferralActionRequest = { version: detail.version };
    if (requires.has('reason')) body.reason = v.reason?.trim();
    if (requires.has('answer')) body.answer = v.answer?.trim();
    if (requires.has('document_date')) body.documentDate = v.documentDate?.format('YYYY-MM-DD');
    if (requires.has('designated_office')) {
      body.designatedOfficeId = v.designatedOfficeId;
      if (v.regionCode) body.regionCode = v.regionCode;
    }
    await submit(
      async () => {
        const updated = await referralsApi.act(detail.id, action.action, body);
        message.success(t('referrals.action.done', { action: name }));
        onDone(updated);
      },
      { 409: onConflict },
    );
  };

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];

  return (
    <Modal
      open={action !== null}
      title={name}
      width={600}
      okText={t('referrals.action.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      maskClosable={false}
    >
      {action && action.to !== detail.state ? (
        <Typography.Paragraph type="secondary">
          {t('referrals.action.moves', {
            from: label('states', detail.state),
            to: label('states', action.to),
          })}
        </Typography.Paragraph>
      ) : null}
      <FormProblemAlert problem={problem} />
      <Form<Values>
        form={form}
        layout="vertical"
        name={`referral-action-${detail.id}`}
        onFinish={act}
        disabled={saving}
      >
        {requires.has('designated_office') ? (
          <>
            <Form.Item
              label={t('referrals.field.designatedOffice')}
              name="designatedOfficeId"
              rules={[
                {
                  required: true,
                  message: t('common.selectRequired', { field: t('referrals.field.designatedOffice') }),
                },
              ]}
            >
              <OfficeSelect competence={competence} />
            </Form.Item>
            {designated ? <DesignatedRegion officeId={designated} /> : null}
          </>
        ) : null}
        {requires.has('document_date') ? (
          <Form.Item
            label={t('referrals.field.documentDate')}
            name="documentDate"
            extra={t('referrals.field.documentDateHint')}
            rules={[
              {
                required: true,
                message: t('common.selectRequired', { field: t('referrals.field.documentDate') }),
              },
            ]}
          >
            <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
          </Form.Item>
        ) : null}
        {requires.has('answer') ? (
          <Form.Item
            label={t('referrals.field.answer')}
            name="answer"
            rules={required(t('referrals.field.answer'))}
          >
            <Input.TextArea rows={5} maxLength={5000} showCount />
          </Form.Item>
        ) : null}
        {requires.has('reason') ? (
          <Form.Item
            label={t('referrals.field.reason')}
            name="reason"
            rules={required(t('referrals.field.reason'))}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        ) : null}
        {requires.size === 0 ? (
          <Typography.Paragraph>{t('referrals.action.confirm', { action: name })}</Typography.Paragraph>
        ) : null}
      </Form>
    </Modal>
  );
}

/** The county the designated office handles the case in (optional: its own region by default). */
function DesignatedRegion({ officeId }: { officeId: string }) {
  const t = useT();
  const office = useOffice(officeId);
  return (
    <Form.Item
      label={t('referrals.field.targetRegion')}
      name="regionCode"
      extra={t('referrals.field.targetRegionHint')}
    >
      <RegionPicker within={office?.regionCode} prefer={office?.regionCode} />
    </Form.Item>
  );
}
