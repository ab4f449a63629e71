import { Descriptions, Tag, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { ReferralDetail } from '../../api/types';
import { DueCell } from '../../components/deadline-badge';
import { RegionName } from '../../components/region-name';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { formatYuan } from '../../lib/money';
import { useCatalog } from '../../lib/use-catalog';
import { useReferralCatalog } from '../../lib/use-referral-catalog';

type Items = NonNullable<DescriptionsProps['items']>;

/** Items whose value is present (not null, undefined or ''). */
function present(list: [key: string, label: string, value: ReactNode, when: unknown][]): Items {
  return list
    .filter(([, , , when]) => when !== null && when !== undefined && when !== '')
    .map(([key, label, children]) => ({ key, label, children }));
}

const text = (value: string | null | undefined) => <span className="pre-wrap">{value}</span>;

/** The header's facts: who sends to whom, when, and the clock running now with its time limit and source. */
export function ReferralHeaderFacts({ detail: r }: { detail: ReferralDetail }) {
  const t = useT();
  const { label, rule } = useReferralCatalog();
  const limit = rule(r.ruleId);
  const items: Items = [
    { key: 'from', label: t('referrals.field.from'), children: r.from.name },
    { key: 'to', label: t('referrals.field.to'), children: r.to.name },
    { key: 'created', label: t('referrals.col.createdAt'), children: formatDateTime(r.createdAt) },
    ...present([
      ['clock', t('referrals.field.clock'), label('clocks', r.clock), r.open ? r.clock : null],
      ['due', t('referrals.col.due'), <DueCell key="due" dueAt={r.dueAt} />, r.open ? r.dueAt : null],
    ]),
  ];
  // the source of the time limit is long: a row of its own, so it does not squeeze the offices' names
  const source = present([
    [
      'rule',
      t('referrals.field.rule'),
      limit ? (
        <span>
          {t('referrals.field.ruleText', {
            amount: limit.amount,
            unit: t(`cases.unit.${limit.unit}`),
            law: limit.source.law,
            article: limit.source.article,
          })}{' '}
          <Tag className="mono">{limit.id}</Tag>
        </span>
      ) : (
        r.ruleId
      ),
      r.open ? r.ruleId : null,
    ],
  ]);
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
      {source.length ? <Descriptions size="small" column={1} items={source} /> : null}
    </>
  );
}

/**
 * What is referred and why: the case (a link when it is ours) or the complaint (its tracking number and respondent,
 * a link), reason, basis, request, answer, designation.
 */
export function ReferralMatter({ detail: r }: { detail: ReferralDetail }) {
  const t = useT();
  const { label: caseLabel } = useCatalog();
  const external = (r.case.external ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const items = present([
    [
      'complaint',
      t('referrals.col.complaint'),
      r.complaint ? (
        <Link to={`/complaints/${r.complaint.id}`} data-testid="referral-complaint-link">
          {r.case.title || r.complaint.trackingNo}
        </Link>
      ) : null,
      r.complaint,
    ],
    [
      'case',
      t('referrals.col.case'),
      r.case.id ? (
        <Link to={`/cases/${r.case.id}`} data-testid="referral-case-link">
          {r.case.caseNo ? `${r.case.caseNo} ${r.case.title}` : r.case.title}
        </Link>
      ) : (
        r.case.title
      ),
      r.complaint ? null : r.case.title,
    ],
    ['ipType', t('cases.field.ipType'), caseLabel('ipTypes', r.case.ipType), r.case.ipType],
    [
      'partnerCaseNo',
      t('referrals.field.partnerCaseNo'),
      str(external.caseNo),
      r.case.id ? null : external.caseNo,
    ],
    [
      'partnerSummary',
      t('cases.field.summary'),
      text(str(external.summary)),
      r.case.id ? null : external.summary,
    ],
    [
      'caseRegion',
      t('cases.field.region'),
      <RegionName key="r" code={r.case.regionCode} />,
      r.case.regionCode,
    ],
    ['reason', t('referrals.field.reason'), text(r.reason), r.reason],
    ['legalBasis', t('cases.field.legalBasis'), text(r.legalBasis), r.legalBasis],
    ['request', t('referrals.field.request'), text(r.request), r.request],
    [
      'target',
      t('referrals.field.targetRegion'),
      <RegionName key="t" code={r.targetRegionCode} />,
      r.targetRegionCode,
    ],
    ['answer', t('referrals.field.answer'), text(r.answer), r.answer],
    ['designated', t('referrals.field.designatedOffice'), r.designatedOffice?.name, r.designatedOffice],
    ['told', t('referrals.field.requesterToldAt'), formatDateTime(r.requesterToldAt), r.requesterToldAt],
    [
      'partner',
      t('referrals.field.partner'),
      r.partner ? `${r.partner.name}${r.partner.externalId ? `（${r.partner.externalId}）` : ''}` : null,
      r.partner,
    ],
  ]);
  return <Descriptions size="small" column={1} items={items} />;
}

/** 涉嫌犯罪案件移送 (国务院令第310号): the special team's report and the head's approval. */
export function CriminalFacts({ detail: r }: { detail: ReferralDetail }) {
  const t = useT();
  const items = present([
    [
      'team',
      t('referrals.field.team'),
      r.team.map((m) => m.displayName).join('、'),
      r.team.length ? 1 : null,
    ],
    ['summary', t('referrals.field.caseSummary'), text(r.caseSummary), r.caseSummary],
    ['basis', t('referrals.field.suspicionBasis'), text(r.suspicionBasis), r.suspicionBasis],
    [
      'value',
      t('referrals.field.valueInvolved'),
      `${formatYuan(r.valueInvolvedFen)} ${t('cases.yuan')}`,
      r.valueInvolvedFen,
    ],
    [
      'handling',
      t('referrals.field.caseHandling'),
      r.caseHandling ? t(`referrals.handling.${r.caseHandling}`) : null,
      r.caseHandling,
    ],
    ['approved', t('referrals.field.approvedAt'), formatDateTime(r.approvedAt), r.approvedAt],
    ['sent', t('referrals.field.sentAt'), formatDateTime(r.sentAt), r.sentAt],
  ]);
  return <Descriptions size="small" column={1} items={items} />;
}
