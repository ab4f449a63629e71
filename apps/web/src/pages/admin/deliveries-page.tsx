import { DeleteOutlined, RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { deliveriesApi, type DeadLetter } from '../../api/deliveries';
import { FilterButtons, useUrlPagination } from '../../components/list-controls';
import { ProblemAlert } from '../../components/problem-alert';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useUrlQuery } from '../../lib/use-url-query';

const CHANNELS = ['inbox', 'email', 'webhook', 'sms'] as const;

interface Filters {
  channel?: string;
}

/** 投递监控: queue depth, the PostgreSQL backlog, and dead letters with retry / discard (audited). */
export default function DeliveriesPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const url = useUrlQuery();
  const [filterForm] = Form.useForm<Filters>();
  const [actionError, setActionError] = useState<unknown>();
  const channel = url.get('channel');
  const paging = useUrlPagination(url, 20);
  const { page, pageSize } = paging;

  const queues = useAsync((signal) => deliveriesApi.queues(signal), []);
  const list = useAsync(
    (signal) => deliveriesApi.deadLetters({ channel, page, pageSize }, signal),
    [url.key],
  );

  useEffect(() => {
    filterForm.setFieldsValue({ channel });
  }, [filterForm, channel]);

  const act = async (kind: 'retry' | 'discard', d: DeadLetter) => {
    setActionError(undefined);
    try {
      await deliveriesApi[kind](d.id);
      message.success(t(kind === 'retry' ? 'deliveries.retried' : 'deliveries.discarded', { id: d.id }));
      list.reload();
      queues.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  const columns: TableColumnsType<DeadLetter> = [
    {
      title: t('deliveries.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('deliveries.channel'),
      dataIndex: 'channel',
      key: 'channel',
      render: (c: string) => <Tag>{t(`deliveries.channel.${c}` as never)}</Tag>,
    },
    {
      title: t('deliveries.topic'),
      key: 'title',
      render: (_, d) => (lang === 'en' ? d.title.en : d.title.zh),
    },
    { title: t('deliveries.recipient'), dataIndex: 'recipient', key: 'recipient' },
    { title: t('deliveries.attempts'), dataIndex: 'attempts', key: 'attempts' },
    { title: t('deliveries.lastError'), dataIndex: 'lastError', key: 'lastError', ellipsis: true },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, d) => (
        <Space>
          <Button size="small" icon={<RedoOutlined aria-hidden />} onClick={() => act('retry', d)}>
            {t('deliveries.retry')}
          </Button>
          <Popconfirm title={t('deliveries.discardConfirm')} onConfirm={() => act('discard', d)}>
            <Button size="small" danger icon={<DeleteOutlined aria-hidden />}>
              {t('deliveries.discard')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const q = queues.data;
  return (
    <PageContainer
      title={t('deliveries.title')}
      extra={
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => (queues.reload(), list.reload())}>
          {t('deliveries.refresh')}
        </Button>
      }
    >
      <ProblemAlert className="table-alert" error={queues.error} />
      <Row gutter={[16, 16]} className="filter-card">
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('deliveries.outboxPending')} value={q?.outbox.pending ?? '-'} />
            <div className="muted">
              {t('deliveries.oldest', { seconds: q?.outbox.oldestAgeSeconds ?? 0 })}
            </div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('deliveries.deliveriesPending')} value={q?.deliveries.pending ?? '-'} />
            <div className="muted">
              {t('deliveries.oldest', { seconds: q?.deliveries.oldestAgeSeconds ?? 0 })}
            </div>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={t('deliveries.queues')} size="small">
            {q?.queues ? (
              <Descriptions size="small" column={1}>
                {q.queues.map((x) => (
                  <Descriptions.Item key={x.name} label={x.name}>
                    {t('deliveries.queueCounts', {
                      waiting: x.waiting,
                      active: x.active,
                      delayed: x.delayed,
                      failed: x.failed,
                      completed: x.completed,
                    })}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            ) : (
              <span className="muted">
                {q?.redisError ? t('deliveries.redisDown', { error: q.redisError }) : '…'}
              </span>
            )}
          </Card>
        </Col>
      </Row>
      <Card className="filter-card">
        <Form<Filters>
          form={filterForm}
          layout="inline"
          className="filter-form"
          name="dead-letter-filter"
          onFinish={(v) => url.update({ channel: v.channel })}
        >
          <Form.Item label={t('deliveries.channel')} name="channel">
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: 160 }}
              options={CHANNELS.map((c) => ({ value: c, label: t(`deliveries.channel.${c}` as never) }))}
            />
          </Form.Item>
          <FilterButtons form={filterForm} url={url} />
        </Form>
      </Card>
      <Card title={t('deliveries.deadLetters')}>
        <ProblemAlert className="table-alert" error={list.error ?? actionError} />
        <Table<DeadLetter>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 'max-content' }}
          pagination={paging.config(list.data?.total)}
        />
      </Card>
    </PageContainer>
  );
}
