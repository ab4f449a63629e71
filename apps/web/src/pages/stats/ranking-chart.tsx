import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import type { IndicatorKey, StatsRow } from '../../api/stats';
import { useT } from '../../i18n';
import { StatsChart, type ChartClick } from './stats-chart';
import { formatIndicator } from './stats-format';
import { INDICATORS, type BreakdownView } from './stats-model';

/** The most a ranking shows; the table below lists every row. */
const TOP = 15;

/** The rows ordered by an indicator, highest first (undefined figures last). */
export function ranked(rows: StatsRow[], rank: IndicatorKey): StatsRow[] {
  return [...rows].sort((a, b) => (b[rank] ?? -Infinity) - (a[rank] ?? -Infinity));
}

/**
 * The scope's child regions (or its offices) as horizontal bars ordered by the chosen indicator. A click on a bar or
 * on a name opens that region's (office's) cases filed in the period.
 */
export function RankingChart({
  rows,
  view,
  rank,
  onPick,
}: {
  rows: StatsRow[];
  view: BreakdownView;
  rank: IndicatorKey;
  onPick: (row: StatsRow) => void;
}) {
  const t = useT();
  const top = useMemo(() => ranked(rows, rank).slice(0, TOP), [rows, rank]);
  const meta = INDICATORS[rank]!;
  const rate = meta.kind === 'rate';
  const option = useMemo<EChartsOption>(
    () => ({
      color: [view === 'regions' ? '#0958d9' : '#08979c'],
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v) =>
          formatIndicator(meta.kind, v === null || v === undefined ? null : Number(v) / (rate ? 100 : 1)),
      },
      grid: { left: 16, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        max: rate ? 100 : undefined,
        minInterval: meta.kind === 'count' ? 1 : undefined,
        axisLabel: rate ? { formatter: '{value}%' } : undefined,
      },
      yAxis: {
        type: 'category',
        inverse: true,
        triggerEvent: true,
        data: top.map((r) => r.label),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: [
        {
          name: t(meta.label),
          type: 'bar',
          barMaxWidth: 22,
          data: top.map((r) => {
            const v = r[rank];
            return v === null ? null : rate ? Math.round(v * 1000) / 10 : v;
          }),
          label: {
            show: true,
            position: 'right',
            formatter: (p) =>
              formatIndicator(meta.kind, p.value === null ? null : Number(p.value) / (rate ? 100 : 1)),
          },
        },
      ],
    }),
    [top, rank, meta, rate, view, t],
  );
  const onClick = (e: ChartClick) => {
    const row =
      e.componentType === 'yAxis'
        ? top.find((r) => r.label === String(e.value))
        : e.componentType === 'series'
          ? top[e.dataIndex ?? -1]
          : undefined;
    if (row) onPick(row);
  };
  return (
    <StatsChart
      option={option}
      label={t(view === 'regions' ? 'stats.chart.regions' : 'stats.chart.offices')}
      height={Math.max(180, top.length * 34 + 40)}
      onClick={onClick}
      testId="chart-ranking"
    />
  );
}
