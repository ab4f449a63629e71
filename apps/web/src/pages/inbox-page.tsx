import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Pagination, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { inboxApi, subscribeInbox, type InboxMessage, type InboxPage as Page } from '../api/inbox';
import { appPath } from '../components/inbox-bell';
import { useUrlPagination } from '../components/list-controls';
import { ProblemAlert } from '../components/problem-alert';
import { useLang, useT } from '../i18n';
import { PageContainer } from '../layout/page-container';
import { groupLabel } from '../lib/a11y';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { useUrlQuery } from '../lib/use-url-query';

/** 消息: the user's in-app messages, unread first; `?unread=1` shows only unread ones; paging in the URL. */
export default function InboxPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { message: toast } = App.useApp();
  const url = useUrlQuery();
  const unreadOnly = url.get('unread') === '1';
  const paging = useUrlPagination(url, 20);
  const { page, pageSize } = paging;
  const [actionError, setActionError] = useState<unknown>();
  const [reconnecting, setReconnecting] = useState(false);
  const [readIds, setReadIds] = useState<Record<string, string>>({});

  const list = useAsync((signal) => inboxApi.list({ unreadOnly, page, pageSize }, signal), [url.key, lang]);
  const dataRef = useRef<Page | undefined>(list.data);
  dataRef.current = list.data;
  const reloadRef = useRef(list.reload);
  reloadRef.current = list.reload;

  useEffect(() => setReadIds({}), [list.data]);

  // New messages and reads in other tabs show up without reloading the page.
  useEffect(
    () =>
      subscribeInbox((event) => {
        if (event.type === 'message') reloadRef.current();
        else if (event.type === 'unread' && event.unreadCount !== dataRef.current?.unreadCount)
          reloadRef.current();
        else if (event.type === 'status') setReconnecting(!event.connected);
      }),
    [],
  );

  const readAt = (m: InboxMessage) => m.readAt ?? readIds[m.id] ?? null;

  const markRead = async (m: InboxMessage): Promise<boolean> => {
    if (readAt(m)) return true;
    try {
      const updated = await inboxApi.markRead(m.id);
      setReadIds((ids) => ({ ...ids, [m.id]: updated.readAt ?? new Date().toISOString() }));
      return true;
    } catch (err) {
      setActionError(err);
      return false;
    }
  };

  const openMessage = async (m: InboxMessage) => {
    setActionError(undefined);
    if (!(await markRead(m))) return;
    const target = appPath(m.link);
    if (target) navigate(target);
  };

  const markAllRead = async () => {
    setActionError(undefined);
    try {
      const { marked } = await inboxApi.markAllRead();
      toast.success(t('inbox.markedAllRead', { count: marked }));
      list.reload();
    } catch (err) {
      setActionError(err);
    }
  };

  const unreadCount = list.data?.unreadCount ?? 0;
  const items = list.data?.items ?? [];

  return (
    <PageContainer
      title={t('nav.inbox')}
      extra={
        <Space wrap>
          <Link to="/settings/notifications">
            <SettingOutlined aria-hidden /> {t('inbox.settings')}
          </Link>
          <Button icon={<CheckOutlined aria-hidden />} disabled={!unreadCount} onClick={markAllRead}>
            {t('inbox.markAllRead')}
          </Button>
        </Space>
      }
    >
      <Card>
        <Space
          wrap
          align="center"
          style={{ marginBottom: 16, justifyContent: 'space-between', width: '100%' }}
        >
          <Radio.Group
            {...groupLabel(t('inbox.filter'), 'radiogroup')}
            optionType="button"
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(e) => url.update({ unread: e.target.value === 'unread' ? 1 : undefined })}
            options={[
              { value: 'all', label: t('inbox.filter.all') },
              { value: 'unread', label: t('inbox.filter.unread') },
            ]}
          />
          <Typography.Text type="secondary" data-testid="inbox-unread-count">
            {t('inbox.unreadCount', { count: unreadCount })}
          </Typography.Text>
        </Space>
        {reconnecting ? (
          <Alert type="warning" showIcon title={t('inbox.reconnecting')} style={{ marginBottom: 16 }} />
        ) : null}
        <ProblemAlert
          className="table-alert"
          error={list.error ?? actionError}
          onClose={actionError ? () => setActionError(undefined) : undefined}
        />
        <Spin spinning={list.loading && !list.data}>
          {items.length === 0 && !list.loading ? (
            <Empty description={unreadOnly ? t('inbox.emptyUnread') : t('inbox.empty')} />
          ) : (
            <ul aria-label={t('nav.inbox')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {items.map((m) => {
                const read = readAt(m);
                return (
                  <li
                    key={m.id}
                    data-testid="inbox-item"
                    data-unread={read ? undefined : 'true'}
                    style={{
                      display: 'flex',
                      gap: 12,
                      alignItems: 'flex-start',
                      padding: '12px 8px',
                      borderBottom: '1px solid #f0f0f0',
                      background: read ? undefined : '#f0f6ff',
                    }}
                  >
                    <span
                      aria-hidden
                      style={{
                        flex: 'none',
                        width: 8,
                        height: 8,
                        marginTop: 8,
                        borderRadius: 4,
                        background: read ? 'transparent' : '#0958d9',
                      }}
                    />
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Space size={8} wrap>
                        <Button
                          type="link"
                          onClick={() => void openMessage(m)}
                          style={{
                            padding: 0,
                            height: 'auto',
                            whiteSpace: 'normal',
                            textAlign: 'left',
                            fontWeight: read ? 400 : 600,
                          }}
                        >
                          {m.title}
                        </Button>
                        {read ? null : <Tag color="blue">{t('inbox.unread')}</Tag>}
                      </Space>
                      {m.body ? (
                        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                          {m.body}
                        </Typography.Paragraph>
                      ) : null}
                    </div>
                    <Space orientation="vertical" align="end" size={4} style={{ flex: 'none' }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                      </Typography.Text>
                      {read ? null : (
                        <Button size="small" onClick={() => void markRead(m)}>
                          {t('inbox.markRead')}
                          <span className="sr-only">：{m.title}</span>
                        </Button>
                      )}
                    </Space>
                  </li>
                );
              })}
            </ul>
          )}
        </Spin>
        {list.data && list.data.total > 0 ? (
          <Pagination style={{ marginTop: 16, textAlign: 'right' }} {...paging.config(list.data.total)} />
        ) : null}
      </Card>
    </PageContainer>
  );
}
