import { Form, Input, Select } from 'antd';
import { complaintsApi, type ComplaintActionRequest, type ComplaintTransition } from '../../api/complaints';
import { OfficeSelect } from '../../components/office-select';
import { useT } from '../../i18n';
import { useComplaintCatalog } from '../../lib/use-complaint-catalog';
import { CommandModal, type CommandProps } from './command-modal';

interface Values {
  officeId?: string;
  refusalGround?: string;
  reason?: string;
  answer?: string;
}

/**
 * triage, accept, refuse, answer, close: one dialog built from the transition's `requires` (office,
 * refusal_ground, reason, answer) — no per-action forms.
 */
export function ComplaintActionDialog({
  transition,
  ...props
}: CommandProps & { transition: ComplaintTransition }) {
  const t = useT();
  const { label, options } = useComplaintCatalog();
  const [form] = Form.useForm<Values>();
  const ground = Form.useWatch('refusalGround', form);
  const { detail } = props;
  const requires = new Set(transition.requires);
  const name = label('actions', transition.action);
  const required = (field: string) => [
    { required: true, whitespace: true, message: t('common.required', { field }) },
  ];
  const selectRequired = (field: string) => [
    { required: true, message: t('common.selectRequired', { field }) },
  ];

  const send = (v: Values) => {
    const body: ComplaintActionRequest = { version: detail.version };
    if (requires.has('office')) body.officeId = v.officeId;
    if (requires.has('refusal_ground'))
      body.refusalGround = v.refusalGround as ComplaintActionRequest['refusalGround'];
    if (v.reason?.trim()) body.reason = v.reason.trim();
    if (requires.has('answer')) body.answer = v.answer?.trim();
    return complaintsApi.act(detail.id, transition.action, body);
  };

  // A reason is asked for when the step requires one, and offered (optional) with a refusal.
  const reasonRequired = requires.has('reason') || (requires.has('refusal_ground') && ground === 'other');

  return (
    <CommandModal<Values>
      {...props}
      title={name}
      name={`complaint-${transition.action}`}
      form={form}
      intro={
        transition.to !== detail.state
          ? t('complaints.action.moves', {
              from: label('states', detail.state),
              to: label('states', transition.to),
            })
          : undefined
      }
      initialValues={
        requires.has('office') ? { officeId: detail.officeId ?? detail.suggestedOfficeId ?? undefined } : {}
      }
      send={send}
      doneText={t('complaints.action.done', { action: name })}
    >
      {requires.has('office') ? (
        <Form.Item
          label={t('complaints.field.office')}
          name="officeId"
          rules={selectRequired(t('complaints.field.office'))}
        >
          <OfficeSelect />
        </Form.Item>
      ) : null}
      {requires.has('refusal_ground') ? (
        <Form.Item
          label={t('complaints.field.refusalGround')}
          name="refusalGround"
          rules={selectRequired(t('complaints.field.refusalGround'))}
        >
          <Select options={options('refusalGrounds')} />
        </Form.Item>
      ) : null}
      {requires.has('answer') ? (
        <Form.Item
          label={t('complaints.field.answer')}
          name="answer"
          extra={t('complaints.field.answerHint')}
          rules={required(t('complaints.field.answer'))}
        >
          <Input.TextArea rows={6} maxLength={20000} showCount />
        </Form.Item>
      ) : null}
      {requires.has('reason') || requires.has('refusal_ground') ? (
        <Form.Item
          label={t('complaints.field.reason')}
          name="reason"
          rules={reasonRequired ? required(t('complaints.field.reason')) : []}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
      ) : null}
    </CommandModal>
  );
}
