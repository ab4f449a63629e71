import { BarChart, GaugeChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useEffect, useMemo, useRef } from 'react';
import { useLang } from '../../i18n';

// Only the charts and components the dashboard uses (echarts/core keeps the rest out of the bundle). SVG: crisp
// when printed or zoomed, and the axis labels are text the browser can find.
echarts.use([
  BarChart,
  LineChart,
  GaugeChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  SVGRenderer,
]);

/**
 * The app's font stack (as in the theme). ECharts measures text on a canvas, which cannot resolve `inherit`: the
 * same families must be named for legends and labels to be laid out as wide as they are drawn.
 */
const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif";

/** What ECharts passes to a click handler (a series item, or an axis label with `triggerEvent`). */
export interface ChartClick {
  componentType: string;
  seriesName?: string;
  seriesIndex?: number;
  dataIndex?: number;
  name?: string;
  /** an axis label's category */
  value?: unknown;
}

interface Props {
  option: EChartsOption;
  /** the chart's accessible name (ECharts' aria description follows it) */
  label: string;
  height?: number;
  onClick?: (event: ChartClick) => void;
  testId?: string;
}

/** One ECharts chart, SVG-rendered, resizing with its card; clicks go to `onClick`. */
export function StatsChart({ option, label, height = 300, onClick, testId }: Props) {
  const { lang } = useLang();
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);
  // Stable handlers: echarts-for-react rebinds when the object changes.
  const events = useMemo(() => ({ click: (e: ChartClick) => clickRef.current?.(e) }), []);
  const full = useMemo<EChartsOption>(
    () => ({
      aria: { enabled: true },
      textStyle: { fontFamily: FONT_FAMILY },
      animationDuration: 400,
      ...option,
    }),
    [option],
  );
  return (
    <div
      className={`stats-chart${onClick ? ' stats-chart-clickable' : ''}`}
      role="figure"
      aria-label={label}
      data-testid={testId}
    >
      <ReactEChartsCore
        echarts={echarts}
        option={full}
        notMerge
        opts={{ renderer: 'svg', locale: lang === 'en' ? 'EN' : 'ZH' }}
        style={{ height, width: '100%' }}
        onEvents={events}
      />
    </div>
  );
}
