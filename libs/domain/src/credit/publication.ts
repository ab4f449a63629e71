import type { Labelled, Outcome } from '../cases/catalog';
import type { RuleSource } from '../cases/deadline-rules';
import type { CreditPeriodRule } from './catalog';

/**
 * Publication of decisions (案件信息公示, domain.md §1 and §2C): penalty decisions and patent rulings are published
 * within 20 working days of the decision, with the required summary fields and redaction, for 3 months or 3 years;
 * withdrawn within 3 working days when the decision is changed or revoked; stopped early on an approved
 * application. Warning-only penalties are never published.
 */
export const PUBLICATION_STATES = [
  { code: 'pending', zh: '待公示', en: 'To be published', open: true },
  { code: 'published', zh: '公示中', en: 'Published', open: true },
  { code: 'expired', zh: '公示期满', en: 'Publication period over', open: false },
  {
    code: 'withdrawn',
    zh: '已撤下（决定变更或撤销）',
    en: 'Withdrawn (decision changed or revoked)',
    open: false,
  },
  { code: 'stopped', zh: '提前停止公示', en: 'Stopped early', open: false },
] as const satisfies readonly (Labelled & { code: string; open: boolean })[];
export type PublicationState = (typeof PUBLICATION_STATES)[number]['code'];

const SAMR_45 = '《市场监督管理行政处罚信息公示规定》（总局令第45号）';
const DECREE_81 = '《专利纠纷行政裁决和调解办法》（国家知识产权局令第81号）';

/** Decisions published, by outcome; anything else (a warning, no penalty, mediation) is never published. */
export const PUBLISHED_OUTCOMES: readonly { outcome: Outcome; source: RuleSource }[] = [
  { outcome: 'penalty', source: { law: SAMR_45, article: '第二条、第九条', confidence: 'V' } },
  { outcome: 'ruling_infringing', source: { law: DECREE_81, article: '第八十三条', confidence: 'V' } },
  { outcome: 'ruling_not_infringing', source: { law: DECREE_81, article: '第八十三条', confidence: 'V' } },
];

export const isPublishedOutcome = (outcome: string | null | undefined): boolean =>
  PUBLISHED_OUTCOMES.some((p) => p.outcome === outcome);

export const PUBLICATION_DEADLINE_RULE: CreditPeriodRule = {
  id: 'publication.publish',
  zh: '决定公示期限',
  en: 'Publish the decision',
  amount: 20,
  unit: 'WD',
  source: { law: `${SAMR_45}；${DECREE_81}`, article: '第九条；第八十三条', confidence: 'V' },
};

/** A changed or revoked decision's publication is taken down within 3 working days (总局令第45号, [S]). */
export const PUBLICATION_WITHDRAW_RULE: CreditPeriodRule = {
  id: 'publication.withdraw',
  zh: '决定变更或撤销后撤下公示',
  en: 'Take down a changed or revoked decision',
  amount: 3,
  unit: 'WD',
  source: { law: SAMR_45, article: '第十二条', confidence: 'S' },
};

/**
 * How long a decision stays public (总局令第45号 Art 13): 3 months for public criticism or a low fine, 3 years for
 * everything else. The low-fine line is local configuration (default ¥10,000 for an enterprise, [U]).
 */
export const PUBLICATION_PERIODS = {
  short: {
    amount: 3,
    unit: 'MONTH' as const,
    source: { law: SAMR_45, article: '第十三条', confidence: 'V' as const },
  },
  long: {
    amount: 36,
    unit: 'MONTH' as const,
    source: { law: SAMR_45, article: '第十三条', confidence: 'V' as const },
  },
  lowFineFen: 10_000 * 100,
};

/** The publication period of a decision: short for a low fine, long otherwise. */
export function publicationPeriod(
  outcome: string,
  fineFen: number | null,
  lowFineFen = PUBLICATION_PERIODS.lowFineFen,
) {
  return outcome === 'penalty' && fineFen !== null && fineFen > 0 && fineFen < lowFineFen
    ? PUBLICATION_PERIODS.short
    : PUBLICATION_PERIODS.long;
}

export const PUBLICATION_ACTIONS = [
  { code: 'publish', zh: '公示', en: 'Publish' },
  { code: 'decision_changed', zh: '登记决定变更或撤销', en: 'Record: the decision was changed or revoked' },
  { code: 'withdraw', zh: '撤下（决定变更或撤销）', en: 'Withdraw (decision changed or revoked)' },
  { code: 'stop', zh: '提前停止公示', en: 'Stop early' },
  { code: 'expire', zh: '公示期满', en: 'End of the period' },
] as const satisfies readonly (Labelled & { code: string })[];
export type PublicationAction = (typeof PUBLICATION_ACTIONS)[number]['code'];

export interface PublicationTransition {
  action: PublicationAction;
  from: readonly PublicationState[];
  to: PublicationState;
  roles: readonly ('officer' | 'supervisor' | 'system')[];
  requiresReason: boolean;
}

/** The publication state machine (design.md rule 1). Early stop needs a head (总局令第45号 Art 14). */
export const PUBLICATION_TRANSITIONS: readonly PublicationTransition[] = [
  {
    action: 'publish',
    from: ['pending'],
    to: 'published',
    roles: ['officer', 'supervisor'],
    requiresReason: false,
  },
  {
    // Starts the 3-working-day clock to take the publication down (PUBLICATION_WITHDRAW_RULE).
    action: 'decision_changed',
    from: ['published'],
    to: 'published',
    roles: ['officer', 'supervisor'],
    requiresReason: true,
  },
  {
    action: 'withdraw',
    from: ['pending', 'published'],
    to: 'withdrawn',
    roles: ['officer', 'supervisor'],
    requiresReason: true,
  },
  { action: 'stop', from: ['published'], to: 'stopped', roles: ['supervisor'], requiresReason: true },
  { action: 'expire', from: ['published'], to: 'expired', roles: ['system'], requiresReason: false },
];

export const publicationTransition = (state: string, action: string) =>
  PUBLICATION_TRANSITIONS.find((t) => t.action === action && t.from.includes(state as PublicationState));

/** Yuan with up to two decimals, e.g. 5000000 fen → '50000', 12345 → '123.45'. */
export function yuanText(fen: number): string {
  return (fen / 100)
    .toFixed(2)
    .replace(/\.00$/, '')
    .replace(/(\.\d)0$/, '$1');
}

/**
 * The published summary of a decision (总局令第45号 Art 9 fields): the type of violation and the penalty, from the
 * case's facts — never the officer's free text, which may name people.
 */
export function publicationSummary(d: {
  ipTypeZh: string;
  procedureZh: string;
  outcome: string;
  outcomeZh: string;
  fineFen: number | null;
  confiscatedFen: number | null;
}): { violation: string; penalty: string } {
  const parts: string[] = [];
  if (d.outcome === 'penalty') {
    if (d.fineFen) parts.push(`罚款人民币${yuanText(d.fineFen)}元`);
    if (d.confiscatedFen) parts.push(`没收违法所得及侵权商品（价值人民币${yuanText(d.confiscatedFen)}元）`);
    if (!parts.length) parts.push('责令停止侵权行为');
  } else parts.push(d.outcomeZh);
  return { violation: `${d.procedureZh}（${d.ipTypeZh}）`, penalty: parts.join('；') };
}
