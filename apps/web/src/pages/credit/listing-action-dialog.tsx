import { Alert, App, DatePicker, Descriptions, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { creditApi } from '../../api/credit';
import type { ApiError } from '../../api/http';
import type {
  AvailableListingAction,
  ListingAction,
  ListingActionRequest,
  ListingDetail,
  PeriodUnit,
} from '../../api/types';
import { useLang, useT, type MessageKey } from '../../i18n';
import { formatDateTime, shanghaiDate } from '../../lib/format';
import { bilingual } from '../../lib/use-catalog';
import { CreditFormModal } from './credit-form-modal';
import { repairMaterials } from './listing-papers';
import { useCreditCatalog } from './use-credit-catalog';

/** Named like the DTO's fields, so the server's field errors land beside them. */
interface Values {
  servedOn?: Dayjs | null;
  noticeMethod?: string;
  statement?: string;
  reason?: string;
}

/** What the reason of a step is called (a review's opinion, a withdrawal's reason...). */
const REASON_LABELS: Partial<Record<ListingAction, MessageKey>> = {
  list: 'credit.reason.list',
  reject: 'credit.reason.reject',
  withdraw: 'credit.reason.withdraw',
  revoke: 'credit.reason.revoke',
  approve_repair: 'credit.reason.repair',
  refuse_repair: 'credit.reason.repair',
};

interface Props {
  detail: ListingDetail;
  /** the step to take; the dialog is open while this is set */
  action: AvailableListingAction | null;
  onClose: () => void;
  /** the step succeeded: the server's fresh listing */
  onDone: (updated: ListingDetail) => void;
  /** 409: the listing changed meanwhile (STALE_VERSION) or the step no longer fits its state */
  onConflict: (error: ApiError) => void;
}

/**
 * One dialog for every step of a listing, asking exactly what the step `requires` — the date and way the notice
 * was served, the subject's statement, a reason — and sending the version the page read. A repair decision shows
 * the pending application it decides.
 */
export function ListingActionDialog({ detail, action, onClose, onDone, onConflict }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { catalog, label, options } = useCreditCatalog();
  const [form] = Form.useForm<Values>();

  const requires = new Set(action?.requires ?? []);
  const name = action ? bilingual(action.label, lang) || action.action : '';
  const to = catalog?.transitions.find(
    (x) => x.action === action?.action && x.from.includes(detail.state),
  )?.to;
  const today = shanghaiDate();
  const proposedOn = shanghaiDate(new Date(detail.proposedAt));
  const pending = detail.repairs.find((r) => r.state === 'pending');
  const missing = repairMaterials(detail, catalog?.repairMaterials ?? []).filter((m) => !m.uploaded);
  const regime = catalog?.regimes.find((r) => r.code === detail.regime);
  const defence = catalog?.defenceWindow;
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];
  const chosen = (field: string) => [{ required: true, message: t('common.selectRequired', { field }) }];
  const reasonLabel = t((action && REASON_LABELS[action.action]) ?? 'credit.field.reason');

  const send = async (v: Values) => {
    if (!action) return;
    const body: ListingActionRequest = { version: detail.version };
    if (requires.has('served_on')) body.servedOn = v.servedOn?.format('YYYY-MM-DD');
    if (requires.has('notice_method'))
      body.noticeMethod = v.noticeMethod as ListingActionRequest['noticeMethod'];
    if (requires.has('statement')) body.statement = v.statement?.trim();
    if (requires.has('reason')) body.reason = v.reason?.trim();
    const updated = await creditApi.act(detail.id, action.action, body);
    message.success(t('credit.action.done', { action: name }));
    onDone(updated);
  };

  return (
    <CreditFormModal<Values>
      open={action !== null}
      title={name}
      intro={
        to && to !== detail.state
          ? t('credit.action.moves', { from: label('states', detail.state), to: label('states', to) })
          : undefined
      }
      form={form}
      name={`listing-${action?.action ?? 'action'}-${detail.id}`}
      okText={t('credit.action.submit')}
      send={send}
      onClose={onClose}
      onConflict={onConflict}
    >
      {action?.action === 'list' && regime ? (
        <Typography.Paragraph data-testid="listing-publish-period">
          {t('credit.action.publishFor', {
            list: bilingual(regime, lang),
            amount: regime.period.amount,
            unit: t(`cases.unit.${regime.period.unit}`),
          })}
        </Typography.Paragraph>
      ) : null}
      {requires.has('repair_application') && pending ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          className="credit-dialog-facts"
          items={[
            { key: 'applicant', label: t('credit.repair.applicant'), children: pending.applicant },
            {
              key: 'submitted',
              label: t('credit.repair.submittedAt'),
              children: formatDateTime(pending.submittedAt),
            },
            {
              key: 'explanation',
              label: t('credit.repair.explanation'),
              children: <span className="pre-wrap">{pending.explanation}</span>,
            },
          ]}
        />
      ) : null}
      {action?.action === 'approve_repair' && missing.length ? (
        <Alert
          type="warning"
          showIcon
          className="credit-dialog-facts"
          data-testid="repair-materials-missing"
          title={t('credit.papers.missingBeforeApprove', {
            list: missing.map((m) => label('repairMaterials', m.code)).join(t('credit.papers.separator')),
          })}
        />
      ) : null}
      {requires.has('served_on') ? (
        <Form.Item
          label={t('credit.field.servedOn')}
          name="servedOn"
          extra={
            defence
              ? t('credit.field.servedOnHint', {
                  amount: defence.amount,
                  unit: t(`cases.unit.${defence.unit as PeriodUnit}`),
                  law: defence.source.law,
                })
              : undefined
          }
          rules={chosen(t('credit.field.servedOn'))}
        >
          <DatePicker
            disabledDate={(d) => d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < proposedOn}
          />
        </Form.Item>
      ) : null}
      {requires.has('notice_method') ? (
        <Form.Item
          label={t('credit.field.noticeMethod')}
          name="noticeMethod"
          rules={chosen(t('credit.field.noticeMethod'))}
        >
          <Select options={options('noticeMethods')} />
        </Form.Item>
      ) : null}
      {requires.has('statement') ? (
        <Form.Item
          label={t('credit.field.statement')}
          name="statement"
          extra={t('credit.field.statementHint')}
          rules={required(t('credit.field.statement'))}
        >
          <Input.TextArea rows={5} maxLength={5000} showCount />
        </Form.Item>
      ) : null}
      {requires.has('reason') ? (
        <Form.Item label={reasonLabel} name="reason" rules={required(reasonLabel)}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      ) : null}
      {requires.size === 0 ? (
        <Typography.Paragraph>{t('credit.action.confirm', { action: name })}</Typography.Paragraph>
      ) : null}
    </CreditFormModal>
  );
}
