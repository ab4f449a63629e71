import { App, Card, Checkbox, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import {
  notificationPreferencesApi,
  PERSONAL_CHANNELS,
  type NotificationPreference,
  type PersonalChannel,
} from '../api/inbox';
import { ProblemAlert } from '../components/problem-alert';
import { useLang, useT, type MessageKey } from '../i18n';
import { PageContainer } from '../layout/page-container';
import { useAsync } from '../lib/use-async';

const CHANNEL_LABEL: Record<PersonalChannel, MessageKey> = {
  inbox: 'inbox.settings.channel.inbox',
  email: 'inbox.settings.channel.email',
  sms: 'inbox.settings.channel.sms',
};

/** 通知设置: for each topic, which channels (in-app, e-mail, SMS) the user wants. Each tick is saved at once. */
export default function NotificationSettingsPage() {
  const t = useT();
  const { lang } = useLang();
  const { message: toast } = App.useApp();
  const list = useAsync((signal) => notificationPreferencesApi.list(signal), []);
  const [rows, setRows] = useState<NotificationPreference[]>([]);
  const [saving, setSaving] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>();

  useEffect(() => {
    if (list.data) setRows(list.data);
  }, [list.data]);

  const topicName = (p: NotificationPreference) => (lang === 'en' ? p.names.en : p.names.zh);

  const toggle = async (p: NotificationPreference, channel: PersonalChannel, on: boolean) => {
    const channels = PERSONAL_CHANNELS.filter((c) => (c === channel ? on : p.channels.includes(c)));
    setSaveError(undefined);
    setSaving(p.topic);
    setRows((prev) => prev.map((r) => (r.topic === p.topic ? { ...r, channels, custom: true } : r)));
    try {
      const saved = await notificationPreferencesApi.set(p.topic, channels);
      setRows((prev) => prev.map((r) => (r.topic === saved.topic ? saved : r)));
      toast.success(t('inbox.settings.saved', { topic: topicName(p) }));
    } catch (err) {
      setSaveError(err);
      setRows((prev) => prev.map((r) => (r.topic === p.topic ? p : r)));
    } finally {
      setSaving(null);
    }
  };

  const columns: TableColumnsType<NotificationPreference> = [
    {
      title: t('inbox.settings.topic'),
      key: 'topic',
      render: (_, p) => (
        <>
          <Typography.Text strong>{topicName(p)}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.topic}
          </Typography.Text>
        </>
      ),
    },
    ...PERSONAL_CHANNELS.map((channel) => ({
      title: t(CHANNEL_LABEL[channel]),
      key: channel,
      align: 'center' as const,
      render: (_: unknown, p: NotificationPreference) => (
        <Checkbox
          checked={p.channels.includes(channel)}
          disabled={saving === p.topic}
          aria-label={t('inbox.settings.checkbox', {
            topic: topicName(p),
            channel: t(CHANNEL_LABEL[channel]),
          })}
          data-testid={`pref-${p.topic}-${channel}`}
          onChange={(e) => void toggle(p, channel, e.target.checked)}
        />
      ),
    })),
    {
      title: t('inbox.settings.source'),
      key: 'source',
      render: (_, p) =>
        p.channels.length === 0 ? (
          <Tag>{t('inbox.settings.muted')}</Tag>
        ) : p.custom ? (
          <Tag color="blue">{t('inbox.settings.custom')}</Tag>
        ) : (
          <Tag>{t('inbox.settings.default')}</Tag>
        ),
    },
  ];

  return (
    <PageContainer title={t('inbox.settings')}>
      <Card>
        <Typography.Paragraph>{t('inbox.settings.intro')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('inbox.settings.contactHint')}</Typography.Paragraph>
        <ProblemAlert
          className="table-alert"
          error={list.error ?? saveError}
          onClose={saveError ? () => setSaveError(undefined) : undefined}
        />
        <Table<NotificationPreference>
          rowKey="topic"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
    </PageContainer>
  );
}
