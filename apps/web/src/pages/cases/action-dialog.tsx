import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { casesApi } from '../../api/cases';
import type { ApiError } from '../../api/http';
import type { AvailableAction, CaseActionRequest, CaseDetail, Extendable } from '../../api/types';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { useLang, useT } from '../../i18n';
import { shanghaiDate } from '../../lib/format';
import { yuanToFen } from '../../lib/money';
import { bilingual, useCatalog } from '../../lib/use-catalog';
import { useFormSubmit } from '../../lib/use-form-submit';
import { actionLabel } from './case-actions';

interface Values {
  actedOn?: Dayjs | null;
  reason?: string;
  legalBasis?: string;
  facts?: string;
  outcome?: string;
  /** yuan in the form, fen on the wire (named like the DTO so server field errors land here) */
  fineFen?: number | null;
  confiscatedFen?: number | null;
  pauseKind?: string;
  extension?: { deadlineKey?: string; amount?: number | null };
  defenceHeard?: boolean;
}

interface Props {
  detail: CaseDetail;
  /** the action to take; the dialog is open while this is set */
  action: AvailableAction | null;
  onClose: () => void;
  /** the action succeeded: the server's fresh case */
  onDone: (updated: CaseDetail) => void;
  /** 409: the case changed meanwhile (STALE_VERSION) or the action no longer fits its state */
  onConflict: (error: ApiError) => void;
  /** go to the officers of the case (for the `officers` / `panel` requirements) */
  onShowOfficers: () => void;
}

/** Outcomes that carry a fine or confiscation. */
const MONEY_OUTCOMES = ['penalty', 'warning'];

/**
 * One dialog for every workflow action, built from the action descriptor the server sent (`requires`, `outcomes`,
 * `pauseKinds`, `extendable`): no per-action forms. Always an optional date of the act.
 */
export function ActionDialog({ detail, action, onClose, onDone, onConflict, onShowOfficers }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { catalog, label, options } = useCatalog();
  const [form] = Form.useForm<Values>();
  const { saving, problem, submit, clearProblem } = useFormSubmit(form);
  const outcome = Form.useWatch('outcome', form);
  const extensionKey = Form.useWatch(['extension', 'deadlineKey'], form);

  const requires = new Set(action?.requires ?? []);
  const today = shanghaiDate();
  const procedure = catalog?.procedures.find((p) => p.code === detail.procedure);
  const officerCount = detail.officers.length;
  const openDeadline = (key: string) => detail.deadlines.find((d) => d.key === key && d.status === 'open');
  const deadlineLabel = (key: string) => {
    const running = openDeadline(key);
    return running ? bilingual(running.label, lang) : label('deadlineKeys', key);
  };
  const extension: Extendable | undefined = action?.extendable.find((e) => e.deadlineKey === extensionKey);
  const name = action ? actionLabel(action, lang) : '';

  const close = () => {
    clearProblem();
    onClose();
  };

  const act = async (values: Values) => {
    if (!action) return;
    const body: CaseActionRequest = {
      version: detail.version,
      actedOn: values.actedOn ? values.actedOn.format('YYYY-MM-DD') : undefined,
    };
    if (requires.has('reason')) body.reason = values.reason?.trim();
    if (requires.has('legal_basis')) body.legalBasis = values.legalBasis?.trim();
    if (requires.has('facts')) body.facts = values.facts?.trim();
    if (requires.has('outcome')) {
      body.outcome = values.outcome as CaseActionRequest['outcome'];
      if (values.outcome && MONEY_OUTCOMES.includes(values.outcome)) {
        body.fineFen = yuanToFen(values.fineFen);
        body.confiscatedFen = yuanToFen(values.confiscatedFen);
      }
    }
    if (requires.has('pause_kind')) body.pauseKind = values.pauseKind as CaseActionRequest['pauseKind'];
    if (requires.has('extension') && extension) {
      body.extension = {
        deadlineKey: extension.deadlineKey,
        level: extension.level as NonNullable<CaseActionRequest['extension']>['level'],
        amount: values.extension?.amount ?? 0,
      };
    }
    if (requires.has('defence_heard')) body.defenceHeard = !!values.defenceHeard;
    await submit(
      async () => {
        const updated = await casesApi.act(detail.id, action.action, body);
        message.success(t('cases.action.done', { action: name }));
        onDone(updated);
      },
      { 409: onConflict },
    );
  };

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];
  const statement = openDeadline('statement');
  const decisionUnserved = !!openDeadline('decision_service');

  return (
    <Modal
      open={action !== null}
      title={name}
      width={640}
      okText={t('cases.action.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      maskClosable={false}
    >
      {action ? (
        <>
          {action.to && action.to !== detail.status ? (
            <Typography.Paragraph type="secondary">
              {t('cases.action.moves', {
                from: label('states', detail.status),
                to: label('states', action.to),
              })}
            </Typography.Paragraph>
          ) : null}
          <FormProblemAlert problem={problem} />
          {requires.has('officers') || requires.has('panel') ? (
            <Alert
              className="form-alert"
              type={officersOk(requires, officerCount, procedure?.minOfficers ?? 2) ? 'info' : 'warning'}
              showIcon
              title={
                requires.has('panel')
                  ? t('cases.req.panel', { count: officerCount })
                  : t('cases.req.officers', { min: procedure?.minOfficers ?? 2, count: officerCount })
              }
              action={
                <Button
                  size="small"
                  type="link"
                  onClick={() => {
                    close();
                    onShowOfficers();
                  }}
                >
                  {t('cases.officers.goto')}
                </Button>
              }
            />
          ) : null}
          {requires.has('decision_served') && decisionUnserved ? (
            <Alert className="form-alert" type="warning" showIcon title={t('cases.req.decisionServed')} />
          ) : null}
          <Form<Values>
            form={form}
            layout="vertical"
            name="case-action"
            onFinish={act}
            disabled={saving}
            initialValues={{ actedOn: dayjs(today) }}
          >
            {requires.has('outcome') ? (
              <>
                <Form.Item
                  label={t('cases.field.outcome')}
                  name="outcome"
                  rules={[
                    {
                      required: true,
                      message: t('common.selectRequired', { field: t('cases.field.outcome') }),
                    },
                  ]}
                >
                  <Select options={options('outcomes', action.outcomes)} />
                </Form.Item>
                {outcome && MONEY_OUTCOMES.includes(outcome) ? (
                  <div className="form-row">
                    <Form.Item label={t('cases.field.fine')} name="fineFen">
                      <InputNumber<number>
                        min={0}
                        precision={2}
                        step={100}
                        suffix={t('cases.yuan')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                    <Form.Item label={t('cases.field.confiscated')} name="confiscatedFen">
                      <InputNumber<number>
                        min={0}
                        precision={2}
                        step={100}
                        suffix={t('cases.yuan')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </div>
                ) : null}
              </>
            ) : null}
            {requires.has('pause_kind') ? (
              <Form.Item
                label={t('cases.field.pauseKind')}
                name="pauseKind"
                rules={[
                  {
                    required: true,
                    message: t('common.selectRequired', { field: t('cases.field.pauseKind') }),
                  },
                ]}
              >
                <Select options={options('pauseKinds', action.pauseKinds)} />
              </Form.Item>
            ) : null}
            {requires.has('extension') ? (
              <>
                <Form.Item
                  label={t('cases.field.extendDeadline')}
                  name={['extension', 'deadlineKey']}
                  rules={[
                    {
                      required: true,
                      message: t('common.selectRequired', { field: t('cases.field.extendDeadline') }),
                    },
                  ]}
                >
                  <Select
                    options={action.extendable.map((e) => ({
                      value: e.deadlineKey,
                      label: deadlineLabel(e.deadlineKey),
                    }))}
                  />
                </Form.Item>
                {extension ? (
                  <>
                    <Form.Item label={t('cases.field.approver')}>
                      <span>{label('approverLevels', extension.level)}</span>
                    </Form.Item>
                    <Form.Item
                      label={t('cases.field.extendBy')}
                      name={['extension', 'amount']}
                      extra={
                        extension.max !== null
                          ? t('cases.field.extendMax', {
                              max: extension.max,
                              unit: t(`cases.unit.${extension.unit}`),
                            })
                          : undefined
                      }
                      rules={[
                        {
                          required: true,
                          message: t('common.required', { field: t('cases.field.extendBy') }),
                        },
                      ]}
                    >
                      <InputNumber<number>
                        min={1}
                        max={extension.max ?? 1000}
                        precision={0}
                        suffix={t(`cases.unit.${extension.unit}`)}
                        style={{ width: 200 }}
                      />
                    </Form.Item>
                  </>
                ) : null}
              </>
            ) : null}
            {requires.has('facts') ? (
              <Form.Item label={t('cases.field.facts')} name="facts" rules={required(t('cases.field.facts'))}>
                <Input.TextArea rows={4} maxLength={20000} />
              </Form.Item>
            ) : null}
            {requires.has('legal_basis') ? (
              <Form.Item
                label={t('cases.field.legalBasis')}
                name="legalBasis"
                rules={required(t('cases.field.legalBasis'))}
              >
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
            ) : null}
            {requires.has('reason') ? (
              <Form.Item
                label={t('cases.field.reason')}
                name="reason"
                rules={required(t('cases.field.reason'))}
              >
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
            ) : null}
            {requires.has('defence_heard') ? (
              <Form.Item
                name="defenceHeard"
                valuePropName="checked"
                extra={
                  statement?.dueDate ? t('cases.field.defenceWindow', { date: statement.dueDate }) : undefined
                }
              >
                <Checkbox>{t('cases.field.defenceHeard')}</Checkbox>
              </Form.Item>
            ) : null}
            <Form.Item label={t('cases.field.actedOn')} name="actedOn" extra={t('cases.field.actedOnHint')}>
              <DatePicker
                allowClear={false}
                disabledDate={(d) => {
                  const day = d.format('YYYY-MM-DD');
                  return day > today || day < detail.receivedOn;
                }}
              />
            </Form.Item>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}

function officersOk(requires: Set<string>, count: number, min: number): boolean {
  if (requires.has('panel')) return count >= 3 && count % 2 === 1;
  return count >= min;
}
