import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { statsApi } from '../../api/stats';
import { useAuth } from '../../auth/auth-context';
import { ProblemAlert } from '../../components/problem-alert';
import { RegionPicker } from '../../components/region-picker';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useUrlQuery } from '../../lib/use-url-query';
import { ReportKpiTable, ReportRowsTable } from './report-sections';
import { addMonths, currentMonth, MONTH, REGION_CODE, regionLevel } from './stats-model';
import './stats.css';

/**
 * 统计月报 (`/stats/report?region=&month=YYYY-MM`): a region's indicators for one month against the month before, the
 * trend of the last 12 months and the child regions (a county: its offices), laid out for A4. 打印 prints it without
 * the app's header and navigation; each section starts a new page. Default: the reader's scope, last month.
 */
export default function StatsReportPage() {
  const t = useT();
  const { lang } = useLang();
  const url = useUrlQuery();
  const { me, hasAnyRole } = useAuth();
  const regionParam = url.get('region');
  const region = regionParam && REGION_CODE.test(regionParam) ? regionParam : undefined;
  const monthParam = url.get('month');
  const month = monthParam && MONTH.test(monthParam) ? monthParam : addMonths(currentMonth(), -1);
  const ownRegion = hasAnyRole(['admin']) ? null : (me?.region.code ?? null);
  const level = regionLevel(region ?? ownRegion);
  const by = level === 'county' ? 'office' : 'region';
  const deps = [region, month];

  const summary = useAsync((signal) => statsApi.summary({ region, from: month, to: month }, signal), deps);
  const trend = useAsync(
    (signal) => statsApi.breakdown({ region, from: addMonths(month, -11), to: month }, ['month'], signal),
    deps,
  );
  const children = useAsync(
    (signal) => statsApi.breakdown({ region, from: month, to: month }, [by], signal),
    [...deps, by],
  );

  const [year, mon] = month.split('-').map(Number);
  // 2025年5月 / May 2025
  const monthTitle = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, mon - 1, 1)));
  const scope = summary.data?.scope;
  const dashboard = new URLSearchParams({ from: addMonths(month, -11), to: month });
  if (region) dashboard.set('region', region);

  return (
    <PageContainer
      title={t('stats.report.title')}
      current={t('stats.report.title')}
      extra={
        <Button type="primary" icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
          {t('stats.report.print')}
        </Button>
      }
    >
      <Card className="report-toolbar filter-card">
        <Form layout="inline" className="filter-form" name="stats-report">
          <Form.Item label={t('stats.filter.region')} htmlFor="stats-report-region">
            <RegionPicker
              id="stats-report-region"
              value={region}
              within={ownRegion ?? undefined}
              prefer={ownRegion ?? undefined}
              placeholder={
                ownRegion && me
                  ? t('stats.filter.ownScope', { name: me.region.name })
                  : t('stats.filter.country')
              }
              onChange={(code) => url.update({ region: code })}
              style={{ width: 240 }}
            />
          </Form.Item>
          <Form.Item label={t('stats.report.month')} htmlFor="stats-report-month">
            <DatePicker
              id="stats-report-month"
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => url.update({ month: d ? d.format('YYYY-MM') : undefined })}
            />
          </Form.Item>
          <Form.Item>
            <Link to={`/stats?${dashboard.toString()}`}>{t('stats.report.toDashboard')}</Link>
          </Form.Item>
        </Form>
      </Card>

      <article className="stats-report" data-testid="stats-report" aria-labelledby="report-title">
        <header className="report-header">
          <h2 id="report-title" className="report-title">
            {t('stats.report.heading', { region: scope?.regionName ?? '…', month: monthTitle })}
          </h2>
          <div className="report-meta">
            {t('stats.report.meta', {
              generated: formatDateTime(new Date()),
              source: scope?.source ?? '—',
            })}
            {scope && scope.pendingChanges > 0 ? ` · ${t('stats.scope.pending')}` : ''}
          </div>
        </header>
        <ProblemAlert className="table-alert" error={summary.error ?? trend.error ?? children.error} />

        <section className="report-section" aria-labelledby="report-kpis">
          <h3 id="report-kpis">{t('stats.report.kpis', { month: monthTitle })}</h3>
          {summary.data ? <ReportKpiTable summary={summary.data} /> : <Skeleton active />}
        </section>

        <section className="report-section report-page-break" aria-labelledby="report-trend">
          <h3 id="report-trend">{t('stats.report.trend', { from: addMonths(month, -11), to: month })}</h3>
          {trend.data ? (
            <ReportRowsTable
              rows={trend.data.rows}
              firstColumn={t('stats.col.month')}
              testId="report-trend"
            />
          ) : (
            <Skeleton active />
          )}
        </section>

        <section className="report-section report-page-break" aria-labelledby="report-children">
          <h3 id="report-children">
            {t(by === 'office' ? 'stats.report.offices' : 'stats.report.children', { month: monthTitle })}
          </h3>
          {children.data ? (
            <ReportRowsTable
              rows={children.data.rows}
              firstColumn={t(by === 'office' ? 'stats.col.office' : 'stats.col.region')}
              testId="report-children"
              total={summary.data?.current}
            />
          ) : (
            <Skeleton active />
          )}
        </section>
      </article>
    </PageContainer>
  );
}
