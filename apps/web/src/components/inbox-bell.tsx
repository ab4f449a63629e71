import { BellOutlined, CheckOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { App, Badge, Button, Dropdown, Typography, type MenuProps } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';

import { useNavigate } from 'react-router-dom';
import { inboxApi, subscribeInbox, type InboxMessage } from '../api/inbox';
import { useLang, useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { headerPopupContainer } from '../lib/popup';

/** How often the unread count is re-read besides the live stream. */
const RESYNC_MS = 60_000;

const LATEST = 5;

/** An in-app path (`/cases/1`) a message may link to; anything else is not followed. */
export function appPath(link: string | null | undefined): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null;
}

/**
 * The header bell: the unread count, live over the inbox stream, and a menu of the latest messages with
 * "mark all read" and a way to the inbox page. Keyboard: Enter/Space opens it, arrow keys move, Esc closes.
 */
export function InboxBell() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { message: toast, notification } = App.useApp();
  const [count, setCount] = useState<number>();
  const [latest, setLatest] = useState<InboxMessage[]>();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [live, setLive] = useState(false);
  const tRef = useRef(t);
  tRef.current = t;
  const isOpenRef = useRef(open);
  isOpenRef.current = open;

  const loadLatest = useCallback(async () => {
    try {
      const page = await inboxApi.list({ page: 1, pageSize: LATEST });
      setLatest(page.items);
      setCount(page.unreadCount);
    } catch {
      setLatest((prev) => prev ?? []);
    }
  }, []);

  const refreshCount = useCallback(() => {
    inboxApi.unreadCount().then(
      (r) => setCount(r.unreadCount),
      () => undefined,
    );
  }, []);

  // Titles come in the UI language: what was loaded in the other language is stale.
  useEffect(() => {
    setLatest(undefined);
  }, [lang]);

  // A safety net under the live stream: a message delivered while the stream was reconnecting, or a proxy that
  // buffers event streams, still shows within a minute.
  useEffect(() => {
    const timer = setInterval(refreshCount, RESYNC_MS);
    return () => clearInterval(timer);
  }, [refreshCount]);

  useEffect(() => {
    refreshCount(); // in case the stream cannot connect (a proxy that buffers responses)
    return subscribeInbox((event) => {
      if (event.type === 'unread') {
        setCount(event.unreadCount);
        if (isOpenRef.current) void loadLatest();
        else setLatest(undefined);
      } else if (event.type === 'message') {
        const m = event.message;
        setCount(event.unreadCount);
        setLatest((prev) => (prev ? [m, ...prev.filter((x) => x.id !== m.id)].slice(0, LATEST) : prev));
        setAnnouncement(tRef.current('inbox.announceNew', { title: m.title }));
        const key = `inbox-${m.id}`;
        notification.info({
          key,
          title: tRef.current('inbox.newMessage'),
          description: m.title,
          placement: 'bottomRight',
          role: 'status',
          actions: (
            <Button
              size="small"
              type="primary"
              onClick={() => {
                notification.destroy(key);
                void openRef.current(m);
              }}
            >
              {tRef.current('inbox.open')}
            </Button>
          ),
        });
      } else if (event.type === 'changed') {
        refreshCount();
        setLatest(undefined);
      } else if (event.type === 'status') {
        setLive(event.connected);
      }
    });
  }, [loadLatest, refreshCount, notification]);

  const openMessage = async (m: InboxMessage) => {
    setOpen(false);
    if (!m.readAt) {
      try {
        await inboxApi.markRead(m.id);
      } catch {
        // the message may be gone; the inbox page shows the current state
      }
    }
    navigate(appPath(m.link) ?? '/inbox');
  };

  const openRef = useRef(openMessage);
  openRef.current = openMessage;

  const markAllRead = async () => {
    try {
      const { marked } = await inboxApi.markAllRead();
      setCount(0);
      setLatest((prev) => prev?.map((m) => (m.readAt ? m : { ...m, readAt: new Date().toISOString() })));
      toast.success(t('inbox.markedAllRead', { count: marked }));
    } catch {
      toast.error(t('error.network'));
    }
  };

  const messageItems: NonNullable<MenuProps['items']> =
    latest === undefined
      ? [{ key: 'loading', label: t('common.loading'), disabled: true }]
      : latest.length === 0
        ? [{ key: 'empty', label: t('inbox.empty'), disabled: true }]
        : latest.map((m) => ({
            key: `m:${m.id}`,
            label: (
              <div className="inbox-bell-item" data-testid="inbox-bell-item" style={{ maxWidth: 320 }}>
                <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                  {m.readAt ? null : (
                    <>
                      <Badge status="processing" aria-hidden />
                      <span className="sr-only">{t('inbox.unread')}：</span>
                    </>
                  )}
                  <Typography.Text strong={!m.readAt} ellipsis style={{ maxWidth: 290, color: 'inherit' }}>
                    {m.title}
                  </Typography.Text>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(m.createdAt)}
                </Typography.Text>
              </div>
            ),
          }));

  const items: MenuProps['items'] = [
    { key: 'latest', type: 'group', label: t('inbox.latest'), children: messageItems },
    { type: 'divider' },
    {
      key: 'read-all',
      icon: <CheckOutlined aria-hidden />,
      label: t('inbox.markAllRead'),
      disabled: !count,
    },
    { key: 'all', icon: <UnorderedListOutlined aria-hidden />, label: t('inbox.viewAll') },
  ];

  return (
    <>
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        getPopupContainer={headerPopupContainer}
        autoFocus
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next && latest === undefined) void loadLatest();
        }}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'read-all') {
              setOpen(false);
              void markAllRead();
            } else if (key === 'all') {
              setOpen(false);
              navigate('/inbox');
            } else if (key.startsWith('m:')) {
              const m = latest?.find((x) => `m:${x.id}` === key);
              if (m) void openMessage(m);
            }
          },
        }}
      >
        <Button
          type="text"
          className="header-bell"
          data-testid="inbox-bell"
          data-unread={count ?? ''}
          data-live={live}
          aria-label={count ? t('inbox.bellLabel', { count }) : t('inbox.bellLabelNone')}
        >
          <Badge count={count} overflowCount={99} size="small" offset={[4, -2]}>
            <BellOutlined aria-hidden style={{ fontSize: 18 }} />
          </Badge>
        </Button>
      </Dropdown>
      <span className="sr-only" role="status" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
