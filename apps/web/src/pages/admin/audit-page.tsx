import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { auditApi } from '../../api/endpoints';
import type { AuditEvent, AuditFilter } from '../../api/types';
import { FilterCard, ListCard, useUrlPagination } from '../../components/list-controls';
import { useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useUrlQuery } from '../../lib/use-url-query';

interface Filters {
  actor?: string;
  stream?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export default function AuditPage() {
  const t = useT();
  const { message } = App.useApp();
  const url = useUrlQuery();
  const [filterForm] = Form.useForm<Filters>();
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>();

  const actor = url.get('actor');
  const stream = url.get('stream');
  const action = url.get('action');
  const fromDate = DATE.test(url.get('from') ?? '') ? url.get('from') : undefined;
  const toDate = DATE.test(url.get('to') ?? '') ? url.get('to') : undefined;
  const paging = useUrlPagination(url, 20);
  const { page, pageSize } = paging;

  // Civil dates; the API reads a date as the whole day in Asia/Shanghai (`to` inclusive).
  const filter: AuditFilter = { actor, stream, action, from: fromDate, to: toDate };

  const list = useAsync((signal) => auditApi.list({ ...filter, page, pageSize }, signal), [url.key]);

  useEffect(() => {
    filterForm.setFieldsValue({
      actor,
      stream,
      action,
      range: fromDate || toDate ? [fromDate ? dayjs(fromDate) : null, toDate ? dayjs(toDate) : null] : null,
    });
  }, [filterForm, actor, stream, action, fromDate, toDate]);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      await auditApi.exportCsv(filter);
      message.success(t('audit.exported'));
    } catch (err) {
      setExportError(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.occurredAt'),
      dataIndex: 'occurredAt',
      key: 'occurredAt',
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      key: 'actorName',
      render: (name: string | null, e) => name ?? e.actorId ?? t('common.none'),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      key: 'action',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('audit.entity'), key: 'entity', render: (_, e) => `${e.entityType} ${e.entityId}` },
    {
      title: t('audit.stream'),
      dataIndex: 'stream',
      key: 'stream',
      render: (s: string, e) => `${s} #${e.seq}`,
    },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      key: 'requestId',
      render: (v: string | null) => v ?? t('common.none'),
    },
  ];

  return (
    <PageContainer
      title={t('audit.title')}
      extra={
        <Button icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={exportCsv}>
          {t('audit.export')}
        </Button>
      }
    >
      <FilterCard
        form={filterForm}
        url={url}
        name="audit-filter"
        onFinish={(v) =>
          url.update({
            actor: v.actor?.trim(),
            stream: v.stream?.trim(),
            action: v.action?.trim(),
            from: v.range?.[0]?.format('YYYY-MM-DD'),
            to: v.range?.[1]?.format('YYYY-MM-DD'),
          })
        }
      >
        <Form.Item label={t('audit.actor')} name="actor">
          <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 170 }} />
        </Form.Item>
        <Form.Item label={t('audit.stream')} name="stream">
          <Input allowClear placeholder={t('audit.streamPlaceholder')} style={{ width: 170 }} />
        </Form.Item>
        <Form.Item label={t('audit.action')} name="action">
          <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 170 }} />
        </Form.Item>
        <Form.Item label={t('audit.dateRange')} name="range">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('audit.startDate'), t('audit.endDate')]}
          />
        </Form.Item>
      </FilterCard>
      <ListCard<AuditEvent>
        list={list}
        paging={paging}
        actionError={exportError}
        onActionErrorClose={() => setExportError(undefined)}
        size="middle"
        columns={columns}
        expandable={{
          expandedRowRender: (e) => (
            <div className="audit-detail">
              <Typography.Text strong>{t('audit.data')}</Typography.Text>
              <pre className="json-block" tabIndex={0} aria-label={t('audit.data')}>
                {JSON.stringify(e.data, null, 2)}
              </pre>
              <Typography.Text type="secondary">
                {t('audit.hash')}：
                <Typography.Text code copyable>
                  {e.hash}
                </Typography.Text>
              </Typography.Text>
            </div>
          ),
        }}
      />
    </PageContainer>
  );
}
