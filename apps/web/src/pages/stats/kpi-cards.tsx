import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { Card, Skeleton, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import type { Indicators, StatsSummary } from '../../api/stats';
import { useT, type MessageKey } from '../../i18n';
import { formatCount, formatDecimal, formatIndicator, formatRate, periodChange } from './stats-format';
import type { IndicatorKind } from './stats-model';

/** Which way a KPI is better: its change is shown green that way, red the other (with the arrow and the sign). */
type Better = 'up' | 'down' | 'none';

interface KpiSpec {
  key: keyof Indicators;
  label: MessageKey;
  kind: IndicatorKind;
  better: Better;
  unit?: MessageKey;
  /** a second line under the figure */
  note?: (s: StatsSummary) => string | null;
}

const KPIS: KpiSpec[] = [
  { key: 'casesFiled', label: 'stats.kpi.filed', kind: 'count', better: 'none', unit: 'stats.unit.cases' },
  { key: 'casesClosed', label: 'stats.kpi.closed', kind: 'count', better: 'up', unit: 'stats.unit.cases' },
  { key: 'closingRate', label: 'stats.kpi.closingRate', kind: 'rate', better: 'up' },
  { key: 'onTimeRate', label: 'stats.kpi.onTimeRate', kind: 'rate', better: 'up' },
  { key: 'handlingP50Wd', label: 'stats.kpi.handlingP50', kind: 'wd', better: 'down', unit: 'stats.unit.wd' },
  {
    key: 'complaintsAccepted',
    label: 'stats.kpi.complaintsAccepted',
    kind: 'count',
    better: 'none',
    unit: 'stats.unit.items',
  },
  { key: 'satisfactionMean', label: 'stats.kpi.satisfaction', kind: 'score', better: 'up' },
  { key: 'finesSumYuan', label: 'stats.kpi.fines', kind: 'yuan', better: 'none', unit: 'stats.unit.yuan' },
  {
    key: 'criminalTransfers',
    label: 'stats.kpi.criminalTransfers',
    kind: 'count',
    better: 'none',
    unit: 'stats.unit.cases',
  },
];

/** 立案, 结案, 结案率 … each with its change against the previous period of the same length; 在办/超期 as of now. */
export function KpiCards({ summary, loading }: { summary: StatsSummary | undefined; loading: boolean }) {
  const t = useT();
  if (!summary) {
    return (
      <div className="stats-kpis" aria-busy={loading}>
        {KPIS.map((k) => (
          <Card key={k.key} className="stats-kpi" size="small">
            <Skeleton active paragraph={{ rows: 1 }} title={false} />
          </Card>
        ))}
      </div>
    );
  }
  const { current, previous, scope } = summary;
  const previousText = t('stats.previousPeriod', { from: scope.previousFrom, to: scope.previousTo });
  const notes: Partial<Record<keyof Indicators, string | null>> = {
    complaintsAccepted:
      current.complaintsReceived === null
        ? t('stats.kpi.complaintsNotApplicable')
        : t('stats.kpi.complaintsReceived', { n: formatCount(current.complaintsReceived) }),
    satisfactionMean:
      current.satisfiedShare === null
        ? null
        : t('stats.kpi.satisfiedShare', { rate: formatRate(current.satisfiedShare) }),
    handlingP50Wd:
      current.handlingP90Wd === null
        ? null
        : t('stats.kpi.handlingP90', { n: formatDecimal(current.handlingP90Wd) }),
    closingRate: t('stats.kpi.closingRateNote'),
    onTimeRate: t('stats.kpi.onTimeRateNote', { due: formatCount(current.closingDue) }),
  };

  const cards: ReactNode[] = KPIS.map((k) => (
    <Kpi
      key={k.key}
      id={k.key}
      label={t(k.label)}
      value={formatIndicator(k.kind, current[k.key])}
      unit={k.unit ? t(k.unit) : undefined}
      note={notes[k.key] ?? undefined}
      change={
        <ChangeText
          change={periodChange(current[k.key], previous[k.key], k.kind)}
          better={k.better}
          tooltip={`${previousText}：${formatIndicator(k.kind, previous[k.key])}`}
        />
      }
    />
  ));
  // 在办 / 超期: as of now, with no previous figure.
  cards.splice(
    5,
    0,
    <Kpi
      key="open"
      id="open"
      label={t('stats.kpi.openOverdue')}
      value={
        <>
          {formatCount(summary.open)}
          <span className="stats-kpi-sep"> / </span>
          <span className={summary.overdue > 0 ? 'stats-overdue' : undefined} data-testid="kpi-overdue">
            {formatCount(summary.overdue)}
          </span>
        </>
      }
      note={t('stats.kpi.asOfNow')}
    />,
  );
  return <div className="stats-kpis">{cards}</div>;
}

function Kpi({
  id,
  label,
  value,
  unit,
  note,
  change,
}: {
  id: string;
  label: string;
  value: ReactNode;
  unit?: string;
  note?: string;
  change?: ReactNode;
}) {
  return (
    <Card className="stats-kpi" size="small" data-testid={`kpi-${id}`}>
      <div className="stats-kpi-label">{label}</div>
      <div className="stats-kpi-figure">
        <span className="stats-kpi-value">{value}</span>
        {unit ? <span className="stats-kpi-unit">{unit}</span> : null}
      </div>
      {change ?? null}
      {note ? <div className="muted stats-kpi-note">{note}</div> : null}
    </Card>
  );
}

/** 较上期 ↑ 12.5% / ↓ 3.0 个百分点 / 新增 / 持平; the previous figure in the tooltip. */
export function ChangeText({
  change,
  better,
  tooltip,
}: {
  change: ReturnType<typeof periodChange>;
  better: Better;
  tooltip: string;
}) {
  const t = useT();
  let body: ReactNode;
  let tone = 'neutral';
  if (!change) body = <span>{t('stats.change.none')}</span>;
  else if (change.kind === 'same' || change.kind === 'new') {
    body = (
      <>
        <MinusOutlined aria-hidden />
        <span>{t(change.kind === 'same' ? 'stats.change.same' : 'stats.change.new')}</span>
      </>
    );
  } else {
    const up = change.delta > 0;
    const abs = Math.abs(change.delta).toFixed(1);
    if (better !== 'none') tone = up === (better === 'up') ? 'good' : 'bad';
    body = (
      <>
        {up ? <ArrowUpOutlined aria-hidden /> : <ArrowDownOutlined aria-hidden />}
        <span className="sr-only">{t(up ? 'stats.change.up' : 'stats.change.down')}</span>
        <span>{change.kind === 'points' ? t('stats.change.points', { n: abs }) : `${abs}%`}</span>
      </>
    );
  }
  return (
    <Tooltip title={tooltip}>
      <div className={`stats-change stats-change-${tone}`} tabIndex={0}>
        <span className="stats-change-prefix">{t('stats.change.vsPrevious')}</span>
        {body}
      </div>
    </Tooltip>
  );
}
