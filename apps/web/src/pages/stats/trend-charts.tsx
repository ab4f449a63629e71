import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import type { StatsRow } from '../../api/stats';
import { useT } from '../../i18n';
import { useCatalog } from '../../lib/use-catalog';
import { StatsChart, type ChartClick } from './stats-chart';
import type { DrillTarget } from './stats-model';

type Drill = (target: DrillTarget) => void;

const PALETTE = ['#0958d9', '#389e0d', '#d46b08', '#722ed1', '#c41d7f', '#08979c', '#7c8c00', '#595959'];

/**
 * 立案 and 结案 per month, with 按期办结率 on a second axis. A click on a point opens the month's cases: the filed
 * ones for 立案, the closed ones for 结案 and the rate; a click on a month's label, the filed ones.
 */
export function TrendChart({ rows, onDrill }: { rows: StatsRow[]; onDrill: Drill }) {
  const t = useT();
  const months = rows.map((r) => r.month!);
  const option = useMemo<EChartsOption>(
    () => ({
      color: PALETTE,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 16, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months, triggerEvent: true, axisTick: { alignWithLabel: true } },
      yAxis: [
        { type: 'value', name: t('stats.unit.cases'), minInterval: 1 },
        {
          type: 'value',
          name: t('stats.ind.onTimeRate'),
          min: 0,
          max: 100,
          axisLabel: { formatter: '{value}%' },
          splitLine: { show: false },
        },
      ],
      series: [
        {
          name: t('stats.kpi.filed'),
          type: 'line',
          data: rows.map((r) => r.casesFiled),
          symbolSize: 9,
          emphasis: { focus: 'series' },
        },
        {
          name: t('stats.kpi.closed'),
          type: 'line',
          data: rows.map((r) => r.casesClosed),
          symbolSize: 9,
          emphasis: { focus: 'series' },
        },
        {
          name: t('stats.ind.onTimeRate'),
          type: 'line',
          yAxisIndex: 1,
          data: rows.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)),
          symbolSize: 7,
          lineStyle: { type: 'dashed' },
          tooltip: { valueFormatter: (v) => (v === null || v === undefined ? '—' : `${String(v)}%`) },
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, t],
  );
  const onClick = (e: ChartClick) => {
    const month = e.componentType === 'xAxis' ? String(e.value) : months[e.dataIndex ?? -1];
    if (!month || !months.includes(month)) return;
    const dateField = e.componentType === 'series' && e.seriesIndex !== 0 ? 'closed' : 'filed';
    onDrill({ dateField, from: month, to: month });
  };
  return <StatsChart option={option} label={t('stats.chart.trend')} onClick={onClick} testId="chart-trend" />;
}

/** 立案 per month stacked by IP type; a click opens that month's filed cases of that type. */
export function IpTypeChart({ rows, onDrill }: { rows: StatsRow[]; onDrill: Drill }) {
  const t = useT();
  const { label } = useCatalog();
  const months = useMemo(() => [...new Set(rows.map((r) => r.month!))], [rows]);
  const types = useMemo(
    () => [...new Set(rows.filter((r) => (r.casesFiled ?? 0) > 0).map((r) => r.ipType!))].sort(),
    [rows],
  );
  const option = useMemo<EChartsOption>(
    () => ({
      color: PALETTE,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 16, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months, triggerEvent: true },
      yAxis: { type: 'value', name: t('stats.unit.cases'), minInterval: 1 },
      series: types.map((type) => ({
        name: label('ipTypes', type),
        type: 'bar',
        stack: 'filed',
        barMaxWidth: 36,
        emphasis: { focus: 'series' },
        data: months.map((m) => rows.find((r) => r.month === m && r.ipType === type)?.casesFiled ?? 0),
      })),
    }),
    [rows, months, types, label, t],
  );
  const onClick = (e: ChartClick) => {
    const month = e.componentType === 'xAxis' ? String(e.value) : months[e.dataIndex ?? -1];
    if (!month || !months.includes(month)) return;
    const ipType = e.componentType === 'series' ? types[e.seriesIndex ?? -1] : undefined;
    onDrill({ dateField: 'filed', from: month, to: month, ipType });
  };
  return (
    <StatsChart option={option} label={t('stats.chart.ipType')} onClick={onClick} testId="chart-ip-type" />
  );
}
