import type { Indicators, StatsRow, StatsSummary } from '../../api/stats';
import { useT, type MessageKey } from '../../i18n';
import { ChangeText } from './kpi-cards';
import { formatIndicator, periodChange } from './stats-format';
import type { IndicatorKind } from './stats-model';

interface Line {
  key: keyof Indicators;
  label: MessageKey;
  kind: IndicatorKind;
  better: 'up' | 'down' | 'none';
}

/** The month's indicators, in the order a monthly report lists them. */
const LINES: Line[] = [
  { key: 'casesReceived', label: 'stats.ind.casesReceived', kind: 'count', better: 'none' },
  { key: 'casesFiled', label: 'stats.ind.casesFiled', kind: 'count', better: 'none' },
  { key: 'casesClosed', label: 'stats.ind.casesClosed', kind: 'count', better: 'up' },
  { key: 'casesNotFiled', label: 'stats.ind.casesNotFiled', kind: 'count', better: 'none' },
  { key: 'closingRate', label: 'stats.ind.closingRate', kind: 'rate', better: 'up' },
  { key: 'onTimeRate', label: 'stats.ind.onTimeRate', kind: 'rate', better: 'up' },
  { key: 'handlingP50Wd', label: 'stats.ind.handlingP50Wd', kind: 'wd', better: 'down' },
  { key: 'handlingMeanWd', label: 'stats.ind.handlingMeanWd', kind: 'wd', better: 'down' },
  { key: 'fines', label: 'stats.ind.fines', kind: 'count', better: 'none' },
  { key: 'finesSumYuan', label: 'stats.ind.finesSumYuan', kind: 'yuan', better: 'none' },
  { key: 'referralsSent', label: 'stats.ind.referralsSent', kind: 'count', better: 'none' },
  { key: 'criminalTransfers', label: 'stats.ind.criminalTransfers', kind: 'count', better: 'none' },
  { key: 'policeAcceptanceRate', label: 'stats.ind.policeAcceptanceRate', kind: 'rate', better: 'none' },
  { key: 'complaintsReceived', label: 'stats.ind.complaintsReceived', kind: 'count', better: 'none' },
  { key: 'complaintsAccepted', label: 'stats.ind.complaintsAccepted', kind: 'count', better: 'none' },
  {
    key: 'complaintsDecidedOnTimeRate',
    label: 'stats.ind.complaintsDecidedOnTimeRate',
    kind: 'rate',
    better: 'up',
  },
  { key: 'satisfactionMean', label: 'stats.ind.satisfactionMean', kind: 'score', better: 'up' },
  { key: 'satisfiedShare', label: 'stats.ind.satisfiedShare', kind: 'rate', better: 'up' },
  { key: 'listingsPublished', label: 'stats.ind.listingsPublished', kind: 'count', better: 'none' },
];

/** 主要指标: this month, the month before and the change; open and overdue cases as of now. */
export function ReportKpiTable({ summary }: { summary: StatsSummary }) {
  const t = useT();
  const { current, previous, scope } = summary;
  return (
    <table className="report-table" data-testid="report-kpis">
      <thead>
        <tr>
          <th scope="col">{t('stats.report.col.indicator')}</th>
          <th scope="col">{t('stats.report.col.month', { month: scope.from })}</th>
          <th scope="col">{t('stats.report.col.month', { month: scope.previousFrom })}</th>
          <th scope="col">{t('stats.report.col.change')}</th>
        </tr>
      </thead>
      <tbody>
        {LINES.map((l) => (
          <tr key={l.key} data-indicator={l.key}>
            <th scope="row">{t(l.label)}</th>
            <td>{formatIndicator(l.kind, current[l.key])}</td>
            <td>{formatIndicator(l.kind, previous[l.key])}</td>
            <td>
              <ChangeText
                change={periodChange(current[l.key], previous[l.key], l.kind)}
                better={l.better}
                tooltip={t(l.label)}
              />
            </td>
          </tr>
        ))}
        <tr>
          <th scope="row">{t('stats.report.openNow')}</th>
          <td colSpan={3}>
            {t('stats.report.openOverdue', { open: summary.open, overdue: summary.overdue })}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

/** The columns of the trend and the child regions' tables. */
const COLUMNS: { key: keyof Indicators; label: MessageKey; kind: IndicatorKind }[] = [
  { key: 'casesReceived', label: 'stats.ind.casesReceived', kind: 'count' },
  { key: 'casesFiled', label: 'stats.ind.casesFiled', kind: 'count' },
  { key: 'casesClosed', label: 'stats.ind.casesClosed', kind: 'count' },
  { key: 'closingRate', label: 'stats.ind.closingRate', kind: 'rate' },
  { key: 'onTimeRate', label: 'stats.ind.onTimeRate', kind: 'rate' },
  { key: 'handlingP50Wd', label: 'stats.ind.handlingP50Wd', kind: 'wd' },
  { key: 'finesSumYuan', label: 'stats.ind.finesSumYuan', kind: 'yuan' },
  { key: 'criminalTransfers', label: 'stats.ind.criminalTransfers', kind: 'count' },
  { key: 'complaintsAccepted', label: 'stats.ind.complaintsAccepted', kind: 'count' },
];

/** One row per month (the trend) or per child region / office, with the report's columns and a total row. */
export function ReportRowsTable({
  rows,
  firstColumn,
  testId,
  total,
}: {
  rows: StatsRow[];
  firstColumn: string;
  testId: string;
  /** the scope's own figures for the total row (rates are not sums) */
  total?: Indicators;
}) {
  const t = useT();
  return (
    <table className="report-table report-table-wide" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{firstColumn}</th>
          {COLUMNS.map((c) => (
            <th scope="col" key={c.key}>
              {t(c.label)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={COLUMNS.length + 1} className="report-empty">
              {t('stats.empty.table')}
            </td>
          </tr>
        ) : (
          rows.map((r) => (
            <tr key={r.month ?? r.region ?? r.office ?? r.label}>
              <th scope="row">{r.month ?? r.label}</th>
              {COLUMNS.map((c) => (
                <td key={c.key}>{formatIndicator(c.kind, r[c.key])}</td>
              ))}
            </tr>
          ))
        )}
      </tbody>
      {total && rows.length > 0 ? (
        <tfoot>
          <tr>
            <th scope="row">{t('stats.report.total')}</th>
            {COLUMNS.map((c) => (
              <td key={c.key}>{formatIndicator(c.kind, total[c.key])}</td>
            ))}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
