import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import type { HistogramBucket } from '../../api/stats';
import { useT } from '../../i18n';
import { StatsChart } from './stats-chart';
import { formatRate } from './stats-format';

/** The bucket's label: `0–5` working days, the last one `≥ 120`. */
export function bucketLabel(b: HistogramBucket): string {
  return b.toWd === null ? `≥ ${b.fromWd}` : `${b.fromWd}–${b.toWd}`;
}

/** Cases closed in the period by their handling time (立案 to 结案, working days net of tolled periods). */
export function HandlingHistogram({ buckets }: { buckets: HistogramBucket[] }) {
  const t = useT();
  const option = useMemo<EChartsOption>(
    () => ({
      color: ['#0958d9'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 16, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: buckets.map(bucketLabel),
        name: t('stats.unit.wd'),
        nameLocation: 'end',
        axisLabel: { interval: 0, rotate: buckets.length > 12 ? 40 : 0 },
      },
      yAxis: { type: 'value', name: t('stats.unit.cases'), minInterval: 1 },
      series: [
        {
          name: t('stats.kpi.closed'),
          type: 'bar',
          barCategoryGap: '10%',
          data: buckets.map((b) => b.cases),
        },
      ],
    }),
    [buckets, t],
  );
  return <StatsChart option={option} label={t('stats.chart.histogram')} testId="chart-histogram" />;
}

/** 按期办结率 of the period as a gauge (red below 80%, amber below 95%). */
export function OnTimeGauge({ rate }: { rate: number | null }) {
  const t = useT();
  const option = useMemo<EChartsOption>(
    () => ({
      series: [
        {
          type: 'gauge',
          name: t('stats.ind.onTimeRate'),
          min: 0,
          max: 100,
          radius: '92%',
          center: ['50%', '58%'],
          progress: { show: true, width: 14 },
          axisLine: {
            lineStyle: {
              width: 14,
              color: [
                [0.8, '#ffccc7'],
                [0.95, '#ffe7ba'],
                [1, '#d9f7be'],
              ],
            },
          },
          axisTick: { show: false },
          splitLine: { length: 8, lineStyle: { width: 1, color: '#999' } },
          axisLabel: { distance: 18, color: '#595959', fontSize: 11 },
          pointer: { show: rate !== null, width: 4 },
          anchor: { show: rate !== null, size: 10 },
          title: { show: false },
          detail: {
            valueAnimation: true,
            fontSize: 26,
            offsetCenter: [0, '42%'],
            formatter: () => formatRate(rate),
          },
          data: [
            { value: rate === null ? 0 : Math.round(rate * 1000) / 10, name: t('stats.ind.onTimeRate') },
          ],
        },
      ],
    }),
    [rate, t],
  );
  return <StatsChart option={option} label={t('stats.chart.gauge')} height={260} testId="chart-gauge" />;
}
