import { TeamOutlined } from '@ant-design/icons';
import { Button, Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import type { IndicatorKey, StatsRow } from '../../api/stats';
import { useT } from '../../i18n';
import { formatIndicator } from './stats-format';
import { INDICATORS, type BreakdownView } from './stats-model';

/** The columns of the breakdown table, in order. */
export const TABLE_INDICATORS: readonly IndicatorKey[] = [
  'casesReceived',
  'casesFiled',
  'casesClosed',
  'closingRate',
  'onTimeRate',
  'handlingP50Wd',
  'handlingMeanWd',
  'fines',
  'finesSumYuan',
  'criminalTransfers',
  'referralsSent',
  'complaintsAccepted',
  'satisfactionMean',
];

export const rowKey = (r: StatsRow) => r.region ?? r.office ?? r.label;

/**
 * Every indicator of the child regions (or offices), sortable by any column (the ranking's indicator first). Each
 * name opens the cases it counts; an office's 人员工作量 opens its officers' table.
 */
export function BreakdownTable({
  rows,
  view,
  rank,
  loading,
  hrefOf,
  onWorkload,
  selectedOffice,
}: {
  rows: StatsRow[];
  view: BreakdownView;
  rank: IndicatorKey;
  loading: boolean;
  hrefOf: (row: StatsRow) => string;
  onWorkload: (row: StatsRow) => void;
  selectedOffice?: string;
}) {
  const t = useT();
  const columns: TableColumnsType<StatsRow> = [
    {
      title: t(view === 'regions' ? 'stats.col.region' : 'stats.col.office'),
      key: 'label',
      fixed: 'left',
      render: (_, r) => (
        <Link to={hrefOf(r)} title={t('stats.drill.openCases', { name: r.label })}>
          {r.label}
        </Link>
      ),
    },
    ...TABLE_INDICATORS.map((key) => {
      const meta = INDICATORS[key]!;
      return {
        title: t(meta.label),
        dataIndex: key,
        key,
        align: 'right' as const,
        sorter: (a: StatsRow, b: StatsRow) => (a[key] ?? -Infinity) - (b[key] ?? -Infinity),
        sortDirections: ['descend', 'ascend'] as ('descend' | 'ascend')[],
        defaultSortOrder: key === rank ? ('descend' as const) : undefined,
        render: (v: number | null) => formatIndicator(meta.kind, v),
      };
    }),
  ];
  if (view === 'offices') {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          icon={<TeamOutlined aria-hidden />}
          aria-pressed={selectedOffice === r.office}
          onClick={() => onWorkload(r)}
        >
          {t('stats.workload.open')}
        </Button>
      ),
    });
  }
  return (
    <Table<StatsRow>
      // remount on a new ranking indicator so its column becomes the sorted one
      key={`${view}-${rank}`}
      rowKey={rowKey}
      size="small"
      columns={columns}
      dataSource={rows}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: loading ? ' ' : t('stats.empty.table') }}
      rowClassName={(r) => (view === 'offices' && r.office === selectedOffice ? 'stats-row-selected' : '')}
    />
  );
}
