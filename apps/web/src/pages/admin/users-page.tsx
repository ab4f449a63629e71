import { EditOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Badge, Button, Form, Input, Popconfirm, Space, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { usersApi } from '../../api/endpoints';
import { ROLES, type Role, type User } from '../../api/types';
import { OfficeSelect } from '../../components/office-select';
import { FilterCard, FilterSelect, ListCard, useUrlPagination } from '../../components/list-controls';
import { RoleTags } from '../../components/role-tags';
import { useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { formatDateTime, isLocked } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useUrlQuery } from '../../lib/use-url-query';
import { UserFormDrawer } from './user-form-drawer';

interface Filters {
  q?: string;
  officeId?: string;
  role?: Role;
}

const PAGE_SIZE = 20;

export default function UsersPage() {
  const t = useT();
  const { message } = App.useApp();
  const url = useUrlQuery();
  const [filterForm] = Form.useForm<Filters>();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [unlockError, setUnlockError] = useState<unknown>();

  const q = url.get('q');
  const officeId = url.get('officeId');
  const roleParam = url.get('role');
  const role = ROLES.includes(roleParam as Role) ? (roleParam as Role) : undefined;
  const paging = useUrlPagination(url, PAGE_SIZE);
  const { page, pageSize } = paging;

  const list = useAsync((signal) => usersApi.list({ q, officeId, role, page, pageSize }, signal), [url.key]);

  useEffect(() => {
    filterForm.setFieldsValue({ q, officeId, role });
  }, [filterForm, q, officeId, role]);

  const unlock = async (user: User) => {
    setUnlockError(undefined);
    try {
      await usersApi.unlock(user.id);
      message.success(t('users.unlocked'));
      list.reload();
    } catch (err) {
      setUnlockError(err);
    }
  };

  const columns: TableColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      key: 'roles',
      render: (roles: Role[]) => <RoleTags roles={roles} />,
    },
    { title: t('users.office'), dataIndex: 'officeName', key: 'officeName' },
    {
      title: t('common.status'),
      key: 'status',
      render: (_, user) =>
        isLocked(user.lockedUntil) ? (
          <div>
            <Badge status="error" text={t('users.locked')} />
            <div className="muted">{t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}</div>
          </div>
        ) : user.active ? (
          <Badge status="success" text={t('common.enabled')} />
        ) : (
          <Badge status="default" text={t('common.disabled')} />
        ),
    },
    {
      title: t('users.lastLogin'),
      dataIndex: 'lastLoginAt',
      key: 'lastLoginAt',
      render: (value: string | null) => (value ? formatDateTime(value) : t('users.neverLoggedIn')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, user) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined aria-hidden />}
            onClick={() => setEditing(user)}
            aria-label={`${t('common.edit')} ${user.username}`}
          >
            {t('common.edit')}
          </Button>
          {isLocked(user.lockedUntil) ? (
            <Popconfirm
              title={t('users.unlockConfirm', { name: user.displayName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => unlock(user)}
            >
              <Button
                type="link"
                size="small"
                icon={<UnlockOutlined aria-hidden />}
                aria-label={`${t('users.unlock')} ${user.username}`}
              >
                {t('users.unlock')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('users.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          {t('users.create')}
        </Button>
      }
    >
      <FilterCard
        form={filterForm}
        url={url}
        name="user-filter"
        onFinish={(values) =>
          url.update({ q: values.q?.trim(), officeId: values.officeId, role: values.role })
        }
      >
        <Form.Item label={t('common.keyword')} name="q">
          <Input allowClear placeholder={t('users.searchPlaceholder')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label={t('users.office')} name="officeId">
          <OfficeSelect allowClear style={{ width: 240 }} />
        </Form.Item>
        <FilterSelect
          label={t('users.roles')}
          name="role"
          style={{ width: 160 }}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
      </FilterCard>

      <ListCard<User>
        list={list}
        paging={paging}
        columns={columns}
        actionError={unlockError}
        onActionErrorClose={() => setUnlockError(undefined)}
      />

      <UserFormDrawer
        open={editing !== null}
        user={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
        onStale={() => list.reload()}
      />
    </PageContainer>
  );
}
