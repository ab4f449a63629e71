import { Form, Modal, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import type { ApiError } from '../../api/http';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../lib/use-form-submit';

interface Props<V> {
  /** the dialog is open while this is true */
  open: boolean;
  title: string;
  /** a line under the title: what the step changes */
  intro?: ReactNode;
  form: FormInstance<V>;
  /** the form's name (its fields' ids start with it) */
  name: string;
  okText: string;
  initialValues?: Partial<V>;
  /** sends the form; the caller closes the dialog when it resolves */
  send: (values: V) => Promise<void>;
  onClose: () => void;
  /** a 409 the page answers (a stale version: it reloads the listing and says why); else it shows here */
  onConflict?: (error: ApiError) => void;
  children: ReactNode;
}

/**
 * The dialogs of the credit pages (a proposal, a step, a repair application): the form, the server's field errors
 * beside its fields and the rest of its problem above them.
 */
export function CreditFormModal<V extends object>(props: Props<V>) {
  const { open, title, intro, form, name, okText, initialValues, send, onClose, onConflict, children } =
    props;
  const t = useT();
  const { saving, problem, submit, clearProblem } = useFormSubmit(form);
  const cancel = () => {
    clearProblem();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={title}
      width={640}
      okText={okText}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={cancel}
      afterClose={() => form.resetFields()}
      confirmLoading={saving}
      maskClosable={false}
      destroyOnHidden
    >
      {intro ? <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph> : null}
      <FormProblemAlert problem={problem} />
      <Form<V>
        form={form}
        name={name}
        layout="vertical"
        disabled={saving}
        initialValues={initialValues}
        onFinish={(values) => submit(() => send(values), onConflict ? { 409: onConflict } : {})}
      >
        {children}
      </Form>
    </Modal>
  );
}
