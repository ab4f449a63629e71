import { App, Form, Input, InputNumber, Modal } from 'antd';
import { supervisionApi } from '../../api/referrals';
import type { Supervision } from '../../api/types';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../lib/use-form-submit';

interface Values {
  reason?: string;
  reportEveryDays?: number | null;
}

interface Props {
  caseId: string;
  /** start a supervision (督办) or end the running one; closed while null */
  mode: 'start' | 'end' | null;
  onClose: () => void;
  onDone: (view: Supervision) => void;
}

/**
 * 督办 / 结束督办: the reason, and for a new supervision how often progress reports fall due (1–90 days). The
 * server decides who may (a supervisor above the handling office; the supervising level to end it) and its 403
 * message is shown here.
 */
export function SupervisionDialog({ caseId, mode, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, problem, submit, clearProblem } = useFormSubmit(form);
  const starting = mode === 'start';

  const close = () => {
    clearProblem();
    onClose();
  };

  const send = (v: Values) =>
    submit(async () => {
      const reason = v.reason?.trim() ?? '';
      const view = starting
        ? await supervisionApi.start(caseId, { reason, reportEveryDays: v.reportEveryDays ?? 0 })
        : await supervisionApi.end(caseId, { reason });
      message.success(t(starting ? 'supervision.started' : 'supervision.ended'));
      onDone(view);
    });

  const title = t(starting ? 'supervision.start' : 'supervision.end');
  return (
    <Modal
      open={mode !== null}
      title={title}
      width={560}
      okText={title}
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
        name={`supervision-${mode ?? 'closed'}-${caseId}`}
        onFinish={send}
        disabled={saving}
        initialValues={{ reportEveryDays: 7 }}
      >
        <Form.Item
          label={t(starting ? 'supervision.reason' : 'supervision.endReason')}
          name="reason"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', {
                field: t(starting ? 'supervision.reason' : 'supervision.endReason'),
              }),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {starting ? (
          <Form.Item
            label={t('supervision.every')}
            name="reportEveryDays"
            extra={t('supervision.everyHint')}
            rules={[{ required: true, message: t('common.required', { field: t('supervision.every') }) }]}
          >
            <InputNumber<number> min={1} max={90} precision={0} suffix={t('cases.unit.ND')} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
