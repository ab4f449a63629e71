import { PrinterOutlined } from '@ant-design/icons';
import { Card, Empty } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { statsApi, type Indicators, type StatsRow } from '../../api/stats';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { useAsync } from '../../lib/use-async';
import { BreakdownSection } from './breakdown-section';
import { ChartCard } from './chart-card';
import { HandlingHistogram, OnTimeGauge } from './distribution-charts';
import { KpiCards } from './kpi-cards';
import { ScopeBar } from './scope-bar';
import { StatsFilterBar } from './stats-filter-bar';
import { casesHref, type DrillTarget } from './stats-model';
import { IpTypeChart, TrendChart } from './trend-charts';
import { useStatsFilters } from './use-stats-filters';
import { WorkloadCard } from './workload-card';
import './stats.css';

/** Nothing happened in the period: every count is zero (rates and means are then undefined). */
function isEmpty(current: Indicators): boolean {
  return Object.values(current).every((v) => !v);
}

/**
 * 统计分析: the indicators of a region subtree (the supervisor's own by default; an admin's: the country) over whole
 * months — KPI cards against the previous period, the monthly trend, IP types, the handling-time distribution, the
 * on-time gauge, the child regions' or offices' ranking and table, and an office's officers. Every filter lives in
 * the URL; a click on a month, a region or an office opens the case list filtered the same way.
 */
export default function StatsPage() {
  const t = useT();
  const navigate = useNavigate();
  const state = useStatsFilters();
  const { url, filters, view, workloadOffice } = state;
  const key = JSON.stringify(filters);
  const summary = useAsync((signal) => statsApi.summary(filters, signal), [key]);
  const trend = useAsync((signal) => statsApi.breakdown(filters, ['month'], signal), [key]);
  const byType = useAsync((signal) => statsApi.breakdown(filters, ['month', 'ipType'], signal), [key]);
  const breakdown = useAsync(
    (signal) => statsApi.breakdown(filters, [view === 'regions' ? 'region' : 'office'], signal),
    [key, view],
  );

  // The region the figures cover, as the API resolved it (the reader's own without a region filter).
  const scopeRegion = summary.data ? summary.data.scope.regionCode : state.scopeRegion;
  const href = (target: DrillTarget) => casesHref(filters, scopeRegion, target);
  const drill = (target: DrillTarget) => navigate(href(target));
  const rowTarget = (row: StatsRow): DrillTarget => ({
    ...(row.region ? { regionCode: row.region } : { officeId: row.office }),
    dateField: 'filed',
    from: filters.from,
    to: filters.to,
  });

  const empty = !!summary.data && isEmpty(summary.data.current);
  const current = summary.data?.current;
  const loading = (a: { loading: boolean; data?: unknown }) => a.loading && !a.data;

  const report = new URLSearchParams();
  if (filters.region) report.set('region', filters.region);
  if (url.get('to')) report.set('month', filters.to);
  const officeLabel =
    view === 'offices' ? breakdown.data?.rows.find((r) => r.office === workloadOffice)?.label : undefined;

  return (
    <PageContainer
      title={t('nav.stats')}
      extra={
        <Link to={`/stats/report${report.size ? `?${report.toString()}` : ''}`} className="stats-report-link">
          <PrinterOutlined aria-hidden /> {t('stats.report.link')}
        </Link>
      }
    >
      <StatsFilterBar state={state} />
      <ScopeBar scope={summary.data?.scope} />
      <ProblemAlert className="stats-alert" error={summary.error} />
      <section aria-label={t('stats.kpi.section')}>
        <KpiCards summary={summary.data} loading={summary.loading} />
      </section>

      {empty ? (
        <Card className="stats-empty" data-testid="stats-empty">
          <Empty description={t('stats.empty.period', { from: filters.from, to: filters.to })} />
        </Card>
      ) : (
        <div className="stats-grid">
          <ChartCard
            id="trend"
            className="stats-w-two-thirds"
            title={t('stats.chart.trend')}
            hint={t('stats.drill.hintTrend')}
            loading={loading(trend)}
            error={trend.error}
          >
            <TrendChart rows={trend.data?.rows ?? []} onDrill={drill} />
          </ChartCard>
          <ChartCard
            id="gauge"
            className="stats-w-third"
            title={t('stats.chart.gauge')}
            hint={t('stats.kpi.onTimeRateNote', { due: current?.closingDue ?? 0 })}
            loading={loading(summary)}
          >
            <OnTimeGauge rate={current?.onTimeRate ?? null} />
          </ChartCard>
          <ChartCard
            id="ip-type"
            className="stats-w-half"
            title={t('stats.chart.ipType')}
            hint={t('stats.drill.hintIpType')}
            loading={loading(byType)}
            error={byType.error}
          >
            <IpTypeChart rows={byType.data?.rows ?? []} onDrill={drill} />
          </ChartCard>
          <ChartCard
            id="histogram"
            className="stats-w-half"
            title={t('stats.chart.histogram')}
            hint={
              current?.handlingP50Wd != null
                ? t('stats.histogram.hint', {
                    p50: current.handlingP50Wd.toFixed(1),
                    p90: current.handlingP90Wd?.toFixed(1) ?? '—',
                  })
                : undefined
            }
            loading={loading(summary)}
            empty={!!summary.data && !summary.data.handlingHistogram.some((b) => b.cases > 0)}
          >
            <HandlingHistogram buckets={summary.data?.handlingHistogram ?? []} />
          </ChartCard>
          <BreakdownSection
            state={state}
            breakdown={breakdown}
            hrefOf={(row) => href(rowTarget(row))}
            onPick={(row) => drill(rowTarget(row))}
          />
        </div>
      )}
      {workloadOffice ? (
        <div className="stats-grid">
          <div className="stats-w-full">
            <WorkloadCard
              filters={filters}
              officeId={workloadOffice}
              officeName={officeLabel}
              onClose={url.get('workload') ? () => url.update({ workload: undefined }) : undefined}
            />
          </div>
        </div>
      ) : null}
    </PageContainer>
  );
}
