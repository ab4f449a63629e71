import {
  CopyOutlined,
  EditOutlined,
  KeyOutlined,
  PlusOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Form,
  Modal,
  Popconfirm,
  Space,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState } from 'react';
import { TOPICS, topicLabel } from '../../api/topics';
import {
  webhooksApi,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type WebhookTestResult,
} from '../../api/webhooks';
import {
  ActiveBadge,
  FilterCard,
  FilterSelect,
  ListCard,
  useUrlPagination,
} from '../../components/list-controls';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useUrlQuery } from '../../lib/use-url-query';
import { WebhookFormDrawer } from './webhook-form-drawer';

interface Filters {
  topic?: string;
  /** 'true' | 'false' in the URL */
  active?: string;
}

const hasSecret = (e: WebhookEndpoint | WebhookEndpointWithSecret): e is WebhookEndpointWithSecret =>
  typeof (e as { secret?: unknown }).secret === 'string';

/** 系统管理 → Webhooks 推送接口: partner endpoints, their topics and signing secrets. */
export default function WebhooksPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const url = useUrlQuery();
  const [filterForm] = Form.useForm<Filters>();
  const [editing, setEditing] = useState<WebhookEndpoint | 'new' | null>(null);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const [actionError, setActionError] = useState<unknown>();
  const [testing, setTesting] = useState<string | null>(null);
  const [tested, setTested] = useState<{ name: string; result: WebhookTestResult } | null>(null);

  const topic = url.get('topic');
  const activeParam = url.get('active');
  const active = activeParam === 'true' ? true : activeParam === 'false' ? false : undefined;
  const paging = useUrlPagination(url, 20);
  const { page, pageSize } = paging;

  const list = useAsync((signal) => webhooksApi.list({ topic, active, page, pageSize }, signal), [url.key]);

  useEffect(() => {
    filterForm.setFieldsValue({ topic, active: activeParam });
  }, [filterForm, topic, activeParam]);

  const run = async (action: () => Promise<void>) => {
    setActionError(undefined);
    try {
      await action();
    } catch (err) {
      setActionError(err);
    }
  };

  const sendTest = (endpoint: WebhookEndpoint) =>
    run(async () => {
      setTested(null);
      setTesting(endpoint.id);
      try {
        setTested({ name: endpoint.name, result: await webhooksApi.test(endpoint.id) });
      } finally {
        setTesting(null);
      }
    });

  const rotate = (endpoint: WebhookEndpoint) =>
    run(async () => {
      setSecret(await webhooksApi.rotateSecret(endpoint.id));
      list.reload();
    });

  const deactivate = (endpoint: WebhookEndpoint) =>
    run(async () => {
      await webhooksApi.remove(endpoint.id);
      message.success(t('webhooks.deactivated'));
      list.reload();
    });

  const copySecret = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.secret);
      message.success(t('webhooks.copied'));
    } catch {
      message.error(t('webhooks.copyFailed'));
    }
  };

  const columns: TableColumnsType<WebhookEndpoint> = [
    { title: t('webhooks.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('webhooks.url'),
      dataIndex: 'url',
      key: 'url',
      render: (value: string) => (
        <Typography.Text style={{ maxWidth: 320 }} ellipsis={{ tooltip: value }}>
          {value}
        </Typography.Text>
      ),
    },
    {
      title: t('webhooks.topics'),
      dataIndex: 'topics',
      key: 'topics',
      render: (topics: string[]) =>
        topics.map((name) => (
          <Tag key={name} title={name}>
            {topicLabel(name, lang)}
          </Tag>
        )),
    },
    {
      title: t('common.status'),
      dataIndex: 'active',
      key: 'active',
      render: (value: boolean) => <ActiveBadge active={value} />,
    },
    {
      title: t('webhooks.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, endpoint) => (
        <Space size={4} wrap>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined aria-hidden />}
            onClick={() => setEditing(endpoint)}
            aria-label={`${t('common.edit')} ${endpoint.name}`}
          >
            {t('common.edit')}
          </Button>
          <Button
            type="link"
            size="small"
            icon={<SendOutlined aria-hidden />}
            loading={testing === endpoint.id}
            disabled={testing !== null && testing !== endpoint.id}
            onClick={() => void sendTest(endpoint)}
            aria-label={`${t('webhooks.test')} ${endpoint.name}`}
          >
            {t('webhooks.test')}
          </Button>
          <Popconfirm
            title={t('webhooks.rotateConfirm', { name: endpoint.name })}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => rotate(endpoint)}
          >
            <Button
              type="link"
              size="small"
              icon={<KeyOutlined aria-hidden />}
              aria-label={`${t('webhooks.rotate')} ${endpoint.name}`}
            >
              {t('webhooks.rotate')}
            </Button>
          </Popconfirm>
          {endpoint.active ? (
            <Popconfirm
              title={t('webhooks.deactivateConfirm', { name: endpoint.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => deactivate(endpoint)}
            >
              <Button
                type="link"
                size="small"
                danger
                icon={<StopOutlined aria-hidden />}
                aria-label={`${t('webhooks.deactivate')} ${endpoint.name}`}
              >
                {t('webhooks.deactivate')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title={t('webhooks.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          {t('webhooks.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('webhooks.intro')}</Typography.Paragraph>
      <FilterCard
        form={filterForm}
        url={url}
        name="webhook-filter"
        onFinish={(v) => url.update({ topic: v.topic, active: v.active })}
      >
        <FilterSelect
          label={t('webhooks.topic')}
          name="topic"
          style={{ width: 220 }}
          options={TOPICS.map((tp) => ({ value: tp.name, label: topicLabel(tp.name, lang) }))}
        />
        <FilterSelect
          label={t('common.status')}
          name="active"
          style={{ width: 140 }}
          options={[
            { value: 'true', label: t('common.enabled') },
            { value: 'false', label: t('common.disabled') },
          ]}
        />
      </FilterCard>
      <ListCard<WebhookEndpoint>
        list={list}
        paging={paging}
        columns={columns}
        actionError={actionError}
        onActionErrorClose={() => setActionError(undefined)}
        notice={
          tested ? (
            <Alert
              className="table-alert"
              showIcon
              type={tested.result.ok ? 'success' : 'error'}
              title={
                tested.result.ok
                  ? t('webhooks.testOk', {
                      name: tested.name,
                      status: tested.result.status ?? '',
                      ms: tested.result.durationMs,
                    })
                  : t('webhooks.testFailed', {
                      name: tested.name,
                      error:
                        tested.result.status === null
                          ? t('webhooks.testNoResponse')
                          : `HTTP ${tested.result.status}`,
                      ms: tested.result.durationMs,
                    })
              }
              description={tested.result.ok ? undefined : tested.result.error}
              closable={{ onClose: () => setTested(null) }}
            />
          ) : null
        }
      />

      <WebhookFormDrawer
        open={editing !== null}
        endpoint={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          if (hasSecret(saved)) setSecret(saved);
          list.reload();
        }}
        onStale={() => list.reload()}
      />

      <Modal
        open={secret !== null}
        title={secret ? t('webhooks.secretTitle', { name: secret.name }) : ''}
        closable={false}
        mask={{ closable: false }}
        keyboard={false}
        onCancel={() => setSecret(null)}
        footer={
          <Space>
            <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copySecret()}>
              {t('webhooks.copySecret')}
            </Button>
            <Button type="primary" onClick={() => setSecret(null)}>
              {t('webhooks.secretDone')}
            </Button>
          </Space>
        }
      >
        <Alert type="warning" showIcon title={t('webhooks.secretWarning')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph>
          <Typography.Text code style={{ wordBreak: 'break-all', userSelect: 'all' }}>
            {secret?.secret}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('webhooks.secretHelp')}</Typography.Paragraph>
      </Modal>
    </PageContainer>
  );
}
