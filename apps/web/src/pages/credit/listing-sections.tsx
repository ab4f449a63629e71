import { Descriptions, Empty, Tag, Timeline, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ListingDetail, ListingRepair } from '../../api/types';
import { DueCell } from '../../components/deadline-badge';
import { RegionName } from '../../components/region-name';
import { useLang, useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { bilingual, useCatalog } from '../../lib/use-catalog';
import { subjectCode } from './listing-state-tag';
import { useCreditCatalog } from './use-credit-catalog';

type Items = NonNullable<DescriptionsProps['items']>;
type Row = { key: string; label: string; value: ReactNode; shown?: unknown };

/** Description items, leaving out rows whose `shown` is null, undefined or '' (rows without `shown` stay). */
function rows(list: Row[]): Items {
  return list
    .filter((r) => !('shown' in r) || (r.shown !== null && r.shown !== undefined && r.shown !== ''))
    .map(({ key, label, value }) => ({ key, label, children: value }));
}

const long = (value: string | null) => <span className="pre-wrap">{value}</span>;

/** Who is listed, on what ground (with its list and source), on which decision, by which office. */
export function ListingFacts({ detail: l }: { detail: ListingDetail }) {
  const t = useT();
  const { lang } = useLang();
  const { ground, label } = useCreditCatalog();
  const { label: caseLabel } = useCatalog();
  const g = ground(l.ground);
  const items = rows([
    { key: 'kind', label: t('credit.field.subjectKind'), value: t(`credit.subjectKind.${l.subject.kind}`) },
    { key: 'name', label: t('credit.field.subjectName'), value: l.subject.name },
    {
      key: 'code',
      label: t(l.subject.kind === 'individual' ? 'credit.field.idNumber' : 'credit.field.uscc'),
      value: <span className="mono">{subjectCode(l.subject)}</span>,
      shown: subjectCode(l.subject),
    },
    {
      key: 'ground',
      label: t('credit.field.ground'),
      value: (
        <div data-testid="listing-ground">
          <div>
            {bilingual(l.groundLabel, lang)}
            {g?.automatic ? <Tag style={{ marginInlineStart: 8 }}>{t('credit.field.automatic')}</Tag> : null}
          </div>
          <div className="muted">{label('regimes', l.regime)}</div>
          {g ? (
            <div className="muted">
              {t('credit.field.source', { law: g.source.law, article: g.source.article })}
            </div>
          ) : null}
        </div>
      ),
    },
    { key: 'legalBasis', label: t('credit.field.legalBasis'), value: long(l.legalBasis) },
    { key: 'facts', label: t('credit.field.facts'), value: long(l.facts) },
    {
      key: 'decision',
      label: t('credit.field.decision'),
      value: t('credit.field.decisionText', { no: l.decisionNo, date: l.decisionDate }),
    },
    {
      key: 'case',
      label: t('credit.field.case'),
      value: l.caseId ? <Link to={`/cases/${l.caseId}`}>{t('credit.field.openCase')}</Link> : null,
      shown: l.caseId,
    },
    { key: 'office', label: t('credit.field.office'), value: l.office.name },
    { key: 'region', label: t('credit.field.region'), value: <RegionName code={l.regionCode} /> },
    {
      key: 'ipType',
      label: t('cases.field.ipType'),
      value: caseLabel('ipTypes', l.ipType),
      shown: l.ipType,
    },
    {
      key: 'proposed',
      label: t('credit.field.proposed'),
      value: `${l.proposedBy.displayName} · ${formatDateTime(l.proposedAt)}`,
    },
  ]);
  return <Descriptions size="small" column={1} items={items} data-testid="listing-facts" />;
}

/** The notice and the defence window, the review, and the publication period with its removal. */
export function ListingPeriods({ detail: l }: { detail: ListingDetail }) {
  const t = useT();
  const { label } = useCreditCatalog();
  const items = rows([
    {
      key: 'notice',
      label: t('credit.field.noticeServed'),
      value: `${l.noticeServedOn ?? ''} ${label('noticeMethods', l.noticeMethod)}`,
      shown: l.noticeServedOn,
    },
    {
      key: 'defenceDue',
      label: t('credit.field.defenceDue'),
      value: l.state === 'notified' ? <DueCell dueAt={l.defenceDueAt} /> : formatDateTime(l.defenceDueAt),
      shown: l.defenceDueAt,
    },
    { key: 'statement', label: t('credit.field.statement'), value: long(l.statement), shown: l.statement },
    {
      key: 'statementAt',
      label: t('credit.field.statementAt'),
      value: formatDateTime(l.statementAt),
      shown: l.statementAt,
    },
    {
      key: 'reviewed',
      label: t('credit.field.reviewedBy'),
      value: l.reviewedBy?.displayName,
      shown: l.reviewedBy,
    },
    {
      key: 'reviewReason',
      label: t('credit.field.reviewReason'),
      value: long(l.reviewReason),
      shown: l.reviewReason,
    },
    {
      key: 'period',
      label: t('credit.field.publishPeriod'),
      value: (
        <span data-testid="listing-period">
          {t('credit.field.periodText', { from: l.publishFrom ?? '', until: l.publishUntil ?? '' })}
        </span>
      ),
      shown: l.publishFrom,
    },
    {
      key: 'repairFrom',
      label: t('credit.field.repairFrom'),
      value: l.repairFrom,
      shown: l.state === 'published' ? l.repairFrom : null,
    },
    {
      key: 'removed',
      label: t('credit.field.removedAt'),
      value: formatDateTime(l.removedAt),
      shown: l.removedAt,
    },
    {
      key: 'removalReason',
      label: t('credit.field.removalReason'),
      value: long(l.removalReason),
      shown: l.removalReason,
    },
  ]);
  if (!items.length) return <Empty description={t('credit.periods.none')} />;
  return <Descriptions size="small" column={1} items={items} />;
}

/** 办理记录: every step, oldest first, with who took it (the sweep has no name) and the state it moved to. */
export function ListingEvents({ detail }: { detail: ListingDetail }) {
  const t = useT();
  const { label } = useCreditCatalog();
  const name = (action: string) =>
    action === 'propose' || action === 'apply_repair'
      ? t(`credit.events.${action}`)
      : label('actions', action);
  return (
    <div data-testid="listing-events" role="region" aria-label={t('credit.section.events')}>
      <Timeline
        items={detail.events.map((e, i) => ({
          key: `${e.at}-${i}`,
          color: i === detail.events.length - 1 ? 'blue' : 'gray',
          content: (
            <div className="timeline-entry" data-action={e.action}>
              <div>
                <time dateTime={e.at} className="muted">
                  {formatDateTime(e.at)}
                </time>
                <span className="timeline-actor">{e.actorName ?? t('credit.events.system')}</span>
              </div>
              <div className="credit-event-summary">
                {name(e.action)}
                {e.fromState && e.fromState !== e.toState
                  ? t('credit.events.moves', {
                      from: label('states', e.fromState),
                      to: label('states', e.toState),
                    })
                  : e.fromState
                    ? ''
                    : t('credit.events.starts', { to: label('states', e.toState) })}
              </div>
              {e.reason && e.reason !== 'automatic' ? <div className="pre-wrap">{e.reason}</div> : null}
              {e.reason === 'automatic' ? <div className="muted">{t('credit.events.automatic')}</div> : null}
            </div>
          ),
        }))}
      />
    </div>
  );
}

const REPAIR_COLORS: Record<ListingRepair['state'], string> = {
  pending: 'gold',
  approved: 'green',
  refused: 'default',
};

/** The credit-repair applications: who applied, what they declared, and the head's decision. */
export function ListingRepairs({ detail }: { detail: ListingDetail }) {
  const t = useT();
  const { label } = useCreditCatalog();
  if (!detail.repairs.length) return <Empty description={t('credit.repair.none')} />;
  return (
    <ul className="plain-list credit-repairs" data-testid="listing-repairs">
      {detail.repairs.map((r) => (
        <li key={r.id}>
          <div>
            <Tag color={REPAIR_COLORS[r.state]}>{t(`credit.repair.state.${r.state}`)}</Tag>
            <strong>{r.applicant}</strong> <span className="muted">{formatDateTime(r.submittedAt)}</span>
          </div>
          <div className="muted">{r.conditions.map((c) => label('repairConditions', c)).join('；')}</div>
          <div className="pre-wrap">{r.explanation}</div>
          {r.decidedAt ? (
            <div>
              {t('credit.repair.decided', { at: formatDateTime(r.decidedAt) })}
              {r.decisionReason ? `：${r.decisionReason}` : ''}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
