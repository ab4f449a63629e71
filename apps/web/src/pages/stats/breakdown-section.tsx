import { Card, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { statsApi, type IndicatorKey, type StatsBreakdown, type StatsRow } from '../../api/stats';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import type { AsyncState } from '../../lib/use-async';
import { BreakdownTable } from './breakdown-table';
import { ChartCard } from './chart-card';
import { ExportButtons } from './export-buttons';
import { RankingChart } from './ranking-chart';
import { INDICATORS, RANK_BY, type BreakdownView } from './stats-model';
import type { StatsState } from './use-stats-filters';

/**
 * The child regions (or the offices) of the scope: a ranking by the chosen indicator and the full table, which
 * downloads as CSV or Excel. Names and bars open the cases they count; an office's 人员工作量 opens its officers.
 */
export function BreakdownSection({
  state,
  breakdown,
  hrefOf,
  onPick,
}: {
  state: StatsState;
  breakdown: AsyncState<StatsBreakdown>;
  hrefOf: (row: StatsRow) => string;
  onPick: (row: StatsRow) => void;
}) {
  const t = useT();
  const { url, filters, level, view, rank, workloadOffice } = state;
  const [exportError, setExportError] = useState<unknown>();
  const rows = breakdown.data?.rows ?? [];
  const by = view === 'regions' ? 'region' : 'office';
  const tableTitle = t(view === 'regions' ? 'stats.table.regions' : 'stats.table.offices');

  const controls = (
    <Space size={8} wrap>
      <Segmented<BreakdownView>
        size="small"
        aria-label={t('stats.view.label')}
        value={view}
        onChange={(v) => url.update({ view: v === 'regions' ? undefined : v })}
        options={[
          { value: 'regions', label: t('stats.view.regions'), disabled: level === 'county' },
          { value: 'offices', label: t('stats.view.offices') },
        ]}
      />
      <Select<IndicatorKey>
        size="small"
        aria-label={t('stats.rankBy')}
        value={rank}
        style={{ width: 150 }}
        onChange={(v) => url.update({ rank: v === 'casesFiled' ? undefined : v })}
        options={RANK_BY.map((key) => ({ value: key, label: t(INDICATORS[key]!.label) }))}
      />
    </Space>
  );

  return (
    <>
      <ChartCard
        id="ranking"
        className="stats-w-full"
        title={t(view === 'regions' ? 'stats.chart.regions' : 'stats.chart.offices')}
        hint={t('stats.drill.hintRanking')}
        extra={controls}
        loading={breakdown.loading}
        error={breakdown.error}
        empty={rows.length === 0}
      >
        <RankingChart rows={rows} view={view} rank={rank} onPick={onPick} />
      </ChartCard>
      <Card
        className="stats-card stats-w-full"
        data-testid="stats-breakdown-table"
        title={
          <h2 className="card-heading" id="stats-breakdown-table">
            {tableTitle}
          </h2>
        }
        aria-labelledby="stats-breakdown-table"
        extra={
          <ExportButtons
            label={tableTitle}
            disabled={breakdown.loading || !!breakdown.error}
            onError={setExportError}
            onExport={(format) => statsApi.exportBreakdown(filters, [by], format)}
          />
        }
      >
        <ProblemAlert className="table-alert" error={breakdown.error ?? exportError} />
        <BreakdownTable
          rows={rows}
          view={view}
          rank={rank}
          loading={breakdown.loading}
          hrefOf={hrefOf}
          selectedOffice={workloadOffice}
          onWorkload={(r) => url.update({ workload: r.office })}
        />
      </Card>
    </>
  );
}
