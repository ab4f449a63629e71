import { App, Checkbox, Form, Input, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { usersApi } from '../../api/endpoints';
import { isApiError } from '../../api/http';
import { ROLES, type Role, type User } from '../../api/types';
import { OfficeSelect } from '../../components/office-select';
import { FormDrawer } from '../../components/form-drawer';
import { useT } from '../../i18n';
import { groupLabel } from '../../lib/a11y';
import { applyProblemToForm, type FormProblem } from '../../lib/form-errors';

interface Values {
  username: string;
  displayName: string;
  password?: string;
  roles: Role[];
  officeId: string;
  active: boolean;
}

interface Props {
  open: boolean;
  /** null: create a user */
  user: User | null;
  onClose: () => void;
  onSaved: (user: User | null) => void;
  /** the server said the version is stale (409) */
  onStale: () => void;
}

export function UserFormDrawer({ open, user, onClose, onSaved, onStale }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const creating = user === null;

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        displayName: user.displayName,
        roles: user.roles,
        officeId: user.officeId,
        active: user.active,
        password: '',
      });
    } else {
      form.setFieldsValue({ roles: [], active: true });
    }
  }, [open, user, form]);

  const submit = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    try {
      let saved: User;
      if (creating) {
        saved = await usersApi.create({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password ?? '',
          roles: values.roles,
          officeId: values.officeId,
        });
        message.success(t('users.created'));
      } else {
        saved = await usersApi.update(user.id, {
          displayName: values.displayName.trim(),
          roles: values.roles,
          officeId: values.officeId,
          active: values.active,
          ...(values.password ? { password: values.password } : {}),
          version: user.version,
        });
        message.success(t('common.saved'));
      }
      onSaved(saved);
    } catch (err) {
      setProblem(applyProblemToForm(form, err));
      if (isApiError(err) && err.status === 409) onStale();
    } finally {
      setSaving(false);
    }
  };

  const title = creating ? t('users.create') : `${t('users.edit')}：${user.username}`;

  return (
    <FormDrawer
      open={open}
      title={title}
      size={480}
      saving={saving}
      problem={problem}
      onClose={onClose}
      onSave={() => form.submit()}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={saving} name="user-form">
        {creating ? (
          <Form.Item
            label={t('users.username')}
            name="username"
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('common.required', { field: t('users.username') }),
              },
            ]}
          >
            <Input autoComplete="off" autoFocus />
          </Form.Item>
        ) : null}
        <Form.Item
          label={t('users.displayName')}
          name="displayName"
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('users.displayName') }),
            },
          ]}
        >
          <Input autoComplete="off" autoFocus={!creating} />
        </Form.Item>
        <Form.Item
          label={creating ? t('users.password') : t('users.newPassword')}
          name="password"
          extra={creating ? undefined : t('users.newPasswordHint')}
          rules={
            creating
              ? [{ required: true, message: t('common.required', { field: t('users.password') }) }]
              : []
          }
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('users.roles')}
          name="roles"
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('common.selectRequired', { field: t('users.roles') }),
            },
          ]}
        >
          <Checkbox.Group
            {...groupLabel(t('users.roles'))}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          label={t('users.office')}
          name="officeId"
          rules={[{ required: true, message: t('common.selectRequired', { field: t('users.office') }) }]}
        >
          <OfficeSelect currentLabel={user?.officeName} />
        </Form.Item>
        {creating ? null : (
          <Form.Item label={t('users.active')} name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
