import { App, Form, Modal, Typography, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { isApiError, type ApiError } from '../../api/http';
import type { ComplaintDetail } from '../../api/complaints';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';

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
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const close = () => {
    setProblem(null);
    onClose();
  };

  const submit = async (values: V) => {
    setSaving(true);
    setProblem(null);
    try {
      const updated = await send(values);
      message.success(doneText);
      onDone(updated);
    } catch (err) {
      if (isApiError(err) && err.status === 409) onConflict(err);
      else setProblem(applyProblemToForm(form, err));
    } finally {
      setSaving(false);
    }
  };

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
      {problem ? (
        <ProblemAlert
          className="form-alert"
          error={problem.problem}
          unmatched={problem.unmatched}
          mappedAny={problem.mappedAny}
        />
      ) : null}
      <Form<V>
        form={form}
        layout="vertical"
        name={`${name}-${detail.id}`}
        onFinish={submit}
        disabled={saving}
        initialValues={initialValues}
      >
        {children}
      </Form>
    </Modal>
  );
}
