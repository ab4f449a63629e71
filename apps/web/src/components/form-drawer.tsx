import { Button, Drawer, Space } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import type { FormProblem } from '../lib/form-errors';
import { FormProblemAlert } from './form-problem-alert';

interface Props {
  open: boolean;
  title: ReactNode;
  size: number;
  saving: boolean;
  /** The server's answer to the last save, shown above the form (field errors go next to their fields). */
  problem: FormProblem | null;
  onClose: () => void;
  /** Submits the form (its onFinish saves). */
  onSave: () => void;
  children: ReactNode;
}

/** The create / edit drawer of the admin pages: cancel and save in the footer, the save problem above the form. */
export function FormDrawer({ open, title, size, saving, problem, onClose, onSave, children }: Props) {
  const t = useT();
  return (
    <Drawer
      open={open}
      title={title}
      size={size}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={onSave}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <FormProblemAlert problem={problem} />
      {children}
    </Drawer>
  );
}
