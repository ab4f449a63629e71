import { CloseOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { statsApi, type WorkloadRow } from '../../api/stats';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { useAsync } from '../../lib/use-async';
import { useOffice } from '../../lib/use-office';
import { ExportButtons } from './export-buttons';
import { formatCount, formatDecimal, formatRate } from './stats-format';
import type { StatsFilters } from './stats-model';

/**
 * The officers of one office: open and overdue cases now, what they closed in the period, on time, mean handling
 * time — with CSV / Excel export of the same query. `onClose` (when the office was picked in the ranking) hides it.
 */
export function WorkloadCard({
  filters,
  officeId,
  officeName,
  onClose,
}: {
  filters: StatsFilters;
  officeId: string;
  /** the office's name if the page knows it (from the office ranking) */
  officeName?: string;
  onClose?: () => void;
}) {
  const t = useT();
  const office = useOffice(officeName ? undefined : officeId);
  const name = officeName ?? office?.name ?? '';
  const [exportError, setExportError] = useState<unknown>();
  const query = { ...filters, officeId };
  const list = useAsync((signal) => statsApi.workload(query, signal), [JSON.stringify(query)]);
  const rows = list.data?.rows ?? [];

  const columns: TableColumnsType<WorkloadRow> = [
    { title: t('stats.workload.name'), dataIndex: 'name', key: 'name', fixed: 'left' },
    ...(
      [
        ['open', 'stats.workload.col.open'],
        ['overdue', 'stats.workload.col.overdue'],
        ['closed', 'stats.workload.col.closed'],
        ['closingDue', 'stats.workload.col.closingDue'],
      ] as const
    ).map(([key, label]) => ({
      title: t(label),
      dataIndex: key,
      key,
      align: 'right' as const,
      sorter: (a: WorkloadRow, b: WorkloadRow) => a[key] - b[key],
      render: (v: number) =>
        key === 'overdue' && v > 0 ? <span className="stats-overdue">{formatCount(v)}</span> : formatCount(v),
    })),
    {
      title: t('stats.ind.onTimeRate'),
      dataIndex: 'onTimeRate',
      key: 'onTimeRate',
      align: 'right',
      sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1),
      render: (v: number | null) => formatRate(v),
    },
    {
      title: t('stats.ind.handlingMeanWd'),
      dataIndex: 'handlingMeanWd',
      key: 'handlingMeanWd',
      align: 'right',
      sorter: (a, b) => (a.handlingMeanWd ?? -1) - (b.handlingMeanWd ?? -1),
      render: (v: number | null) => formatDecimal(v),
    },
  ];

  const title = name ? t('stats.workload.titleOf', { office: name }) : t('stats.workload.title');
  return (
    <Card
      className="stats-card"
      data-testid="stats-workload"
      title={
        <h2 className="card-heading" id="stats-workload">
          {title}
        </h2>
      }
      aria-labelledby="stats-workload"
      extra={
        <Space size={8}>
          <ExportButtons
            label={title}
            disabled={list.loading || !!list.error}
            onError={setExportError}
            onExport={(format) => statsApi.exportWorkload(query, format)}
          />
          {onClose ? (
            <Button
              size="small"
              type="text"
              icon={<CloseOutlined aria-hidden />}
              aria-label={t('stats.workload.close')}
              onClick={onClose}
            />
          ) : null}
        </Space>
      }
    >
      <div className="muted stats-card-hint">{t('stats.workload.hint')}</div>
      <ProblemAlert className="table-alert" error={list.error ?? exportError} />
      <Table<WorkloadRow>
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: list.loading ? ' ' : t('stats.workload.empty') }}
      />
    </Card>
  );
}
