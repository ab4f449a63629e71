import { App, Form, Modal, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import type { ApiError } from '../../api/http';
import type { ComplaintDetail } from '../../api/complaints';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../lib/use-form-submit';

export interface CommandProps {
  detail: ComplaintDetail;
  open: boolean;
  onClose: () => void;
  /** the command succeeded: the server's fresh complaint */
  onDone: (updated: ComplaintDetail) => void;
  /** 409: the complaint changed meanwhile (STALE_VERSION) or the step no longer fits its state */
  onConflict: (error: ApiError) => void;
}

interface Props<V> extends CommandProps {
  title: string;
  /** a line under the title, e.g. "已受理 → 已立案" */
  intro?: ReactNode;
  form: FormInstance<V>;
  name: string;
  okText?: string;
  width?: number;
  initialValues?: Partial<V>;
  /** sends the command; its answer replaces the page's complaint */
  send: (values: V) => Promise<ComplaintDetail>;
  /** the toast after success */
  doneText: string;
  children: ReactNode;
}

/**
 * A modal form for one command on a complaint: server field errors beside the fields, the rest in an alert,
 * a 409 handed to the page (which reloads the complaint and says why).
 */
export function CommandModal<V extends object>({
  detail,
  open,
  onClose,
  onDone,
  onConflict,
  title,
  intro,
  form,
  name,
  okText,
  width = 600,
  initialValues,
  send,
  doneText,
  children,
}: Props<V>) {
  const t = useT();
  const { message } = App.useApp();
  const { saving, problem, submit, clearProblem } = useFormSubmit(form);

  const close = () => {
    clearProblem();
    onClose();
  };

  const onFinish = (values: V) =>
    submit(
      async () => {
        const updated = await send(values);
        message.success(doneText);
        onDone(updated);
      },
      { 409: onConflict },
    );

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText ?? t('complaints.action.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      maskClosable={false}
    >
      {intro ? <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph> : null}
      <FormProblemAlert problem={problem} />
      <Form<V>
        form={form}
        layout="vertical"
        name={`${name}-${detail.id}`}
        onFinish={onFinish}
        disabled={saving}
        initialValues={initialValues}
      >
        {children}
      </Form>
    </Modal>
  );
}
