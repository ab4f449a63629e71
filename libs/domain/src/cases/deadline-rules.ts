import type { PeriodUnit } from '../calendar';
import type { ApproverLevel, CaseSource, Labelled, PauseKind } from './catalog';

/**
 * Statutory time limits of case handling (domain.md §1), one row per limit, each citing its source. The service
 * starts and stops them as transitions say; the values are copied onto the case's deadline row when it starts, so
 * a later change of configuration never moves a running deadline silently.
 */

/** Which clock of a case a rule sets. A case has at most one open deadline per key. */
export const DEADLINE_KEYS = [
  { code: 'filing', zh: '立案审查期限', en: 'Decide whether to file' },
  { code: 'notice_service', zh: '送达陈述意见通知书', en: 'Serve the notice inviting a response' },
  { code: 'service', zh: '向被请求人送达请求书', en: 'Serve the request on the respondent' },
  { code: 'defence', zh: '被请求人答辩期', en: "Respondent's defence period" },
  { code: 'statement', zh: '陈述申辩/听证申请期', en: 'Statement, defence and hearing request window' },
  { code: 'closing', zh: '办案期限', en: 'Close the case' },
  { code: 'decision_service', zh: '送达决定书', en: 'Serve the decision' },
] as const satisfies readonly (Labelled & { code: string })[];
export type DeadlineKey = (typeof DEADLINE_KEYS)[number]['code'];
export const DEADLINE_KEY_CODES = DEADLINE_KEYS.map((k) => k.code) as DeadlineKey[];

/** How sure the rule is (domain.md legend): [V] article read; [S] secondary source; [U] unverified. */
export type Confidence = 'V' | 'S' | 'U';

export interface RuleSource {
  /** The instrument, e.g. 《专利纠纷行政裁决和调解办法》（国家知识产权局令第81号）. */
  law: string;
  /** The article, e.g. 第三十七条. */
  article: string;
  confidence: Confidence;
}

export interface ExtensionStep {
  level: ApproverLevel;
  /** Longest extension this step may grant, in `unit`; null when the rule only says "reasonable". */
  max: number | null;
  unit: PeriodUnit;
  /** A step that may be granted again (e.g. successive collective decisions). */
  repeatable?: boolean;
}

export interface DeadlineRule {
  /** Stable id, `<procedure>.<key>[.<variant>]`: configuration overrides and stored deadlines refer to it. */
  id: string;
  key: DeadlineKey;
  zh: string;
  en: string;
  amount: number;
  unit: PeriodUnit;
  /** An ND/MONTH period ending on a rest day moves to the next working day (domain.md §6 "Counting" [U]). */
  rollToWorkingDay?: boolean;
  /**
   * 'office': the office must act by then — the sweep reminds and escalates. 'party': a window the office waits
   * out (a defence period); shown with its end date, never escalated.
   */
  actor: 'office' | 'party';
  /** Periods that do not count toward this limit. */
  tolledBy: readonly PauseKind[];
  /** Extensions in the order they may be granted. */
  extensions: readonly ExtensionStep[];
  /** When several rules set the same key in one procedure, the first whose condition holds applies. */
  when?: { sources?: readonly CaseSource[]; foreignRespondent?: boolean };
  /** What the clock runs from, shown next to the due date. */
  from: Labelled;
  source: RuleSource;
}

const DECREE_81 = '《专利纠纷行政裁决和调解办法》（国家知识产权局令第81号）';
const DECREE_71 = '《专利行政执法办法》（国家知识产权局令第71号）';
const SAMR_2 = '《市场监督管理行政处罚程序规定》（总局令第2号，2022年修正）';
const APL = '《中华人民共和国行政处罚法》（2021年修订）';
const COPYRIGHT_6 = '《著作权行政处罚实施办法》（国家版权局令第6号）';
const AGRI = '《农业行政处罚程序规定》（农业农村部令2021年第1号）';

const FROM_RECEIPT = { zh: '自收到请求/材料之日起', en: 'from receipt of the request or materials' };
const FROM_FILING = { zh: '自立案之日起', en: 'from the filing date' };
const FROM_SERVICE = { zh: '自送达之日起', en: 'from service' };
const FROM_NOTICE = { zh: '自告知书送达之日起', en: 'from service of the pre-decision notice' };
const FROM_DECISION = { zh: '自作出决定之日起', en: 'from the decision' };
const FROM_STATEMENT = {
  zh: '自收到陈述意见或期限届满之日起',
  en: "from the respondent's statement or the end of its window",
};

const PENALTY_TOLLS: readonly PauseKind[] = ['suspension', 'hearing', 'public_notice', 'appraisal'];

/** Penalty-procedure limits shared by the penalty procedures (行政处罚法 defaults). */
const statementWindow = (procedure: string): DeadlineRule => ({
  id: `${procedure}.statement`,
  key: 'statement',
  zh: '陈述、申辩及听证申请期',
  en: 'Statement, defence and hearing request window',
  amount: 5,
  unit: 'WD',
  actor: 'party',
  tolledBy: [],
  extensions: [],
  from: FROM_NOTICE,
  // Art 64: a hearing must be requested within 5 days of the notice; Art 85 reads "五日" as working days [U].
  source: { law: APL, article: '第六十四条、第八十五条', confidence: 'U' },
});

const decisionService = (procedure: string): DeadlineRule => ({
  id: `${procedure}.decision_service`,
  key: 'decision_service',
  zh: '决定书送达期限',
  en: 'Serve the decision',
  amount: 7,
  unit: 'WD',
  actor: 'office',
  tolledBy: [],
  extensions: [],
  from: FROM_DECISION,
  source: { law: APL, article: '第六十一条、第八十五条', confidence: 'U' },
});

export const CASE_DEADLINE_RULES: readonly DeadlineRule[] = [
  // —— 专利侵权纠纷行政裁决 (Decree 81, in force 2025-02-01) ——
  {
    id: 'patent_adjudication.filing',
    key: 'filing',
    zh: '立案审查期限',
    en: 'Decide whether to file',
    amount: 5,
    unit: 'WD',
    actor: 'office',
    tolledBy: [],
    extensions: [{ level: 'department_head', max: 5, unit: 'WD' }],
    from: FROM_RECEIPT,
    source: { law: DECREE_81, article: '第二十条', confidence: 'V' },
  },
  {
    id: 'patent_adjudication.service',
    key: 'service',
    zh: '请求书副本送达期限',
    en: 'Serve the request on the respondent',
    amount: 5,
    unit: 'WD',
    actor: 'office',
    tolledBy: [],
    extensions: [],
    from: FROM_FILING,
    source: { law: DECREE_81, article: '第二十二条', confidence: 'V' },
  },
  {
    id: 'patent_adjudication.defence.abroad',
    key: 'defence',
    zh: '答辩期（被请求人在中国境内无住所）',
    en: 'Defence period (respondent without domicile in China)',
    amount: 30,
    unit: 'ND',
    actor: 'party',
    tolledBy: [],
    extensions: [{ level: 'department_head', max: null, unit: 'ND', repeatable: true }],
    when: { foreignRespondent: true },
    from: FROM_SERVICE,
    source: { law: DECREE_81, article: '第二十二条', confidence: 'V' },
  },
  {
    id: 'patent_adjudication.defence',
    key: 'defence',
    zh: '答辩期',
    en: 'Defence period',
    amount: 15,
    unit: 'ND',
    actor: 'party',
    tolledBy: [],
    extensions: [{ level: 'department_head', max: null, unit: 'ND', repeatable: true }],
    from: FROM_SERVICE,
    source: { law: DECREE_81, article: '第二十二条', confidence: 'V' },
  },
  {
    id: 'patent_adjudication.closing',
    key: 'closing',
    zh: '办案期限（三个月）',
    en: 'Close the case (3 months)',
    amount: 3,
    unit: 'MONTH',
    actor: 'office',
    tolledBy: [
      'suspension',
      'public_notice',
      'appraisal',
      'jurisdiction_objection',
      'evidence_extension',
      'settlement',
    ],
    extensions: [
      { level: 'department_head', max: 1, unit: 'MONTH' },
      { level: 'next_level', max: 2, unit: 'MONTH' },
    ],
    from: FROM_FILING,
    source: { law: DECREE_81, article: '第三十七条', confidence: 'V' },
  },

  // —— 专利纠纷调解 (Decree 81 Art 65–70) ——
  {
    id: 'mediation.notice_service',
    key: 'notice_service',
    zh: '陈述意见通知书送达期限',
    en: 'Serve the notice inviting a response',
    amount: 5,
    unit: 'WD',
    actor: 'office',
    tolledBy: [],
    extensions: [],
    from: FROM_RECEIPT,
    source: { law: DECREE_81, article: '第六十五条', confidence: 'V' },
  },
  {
    id: 'mediation.statement',
    key: 'statement',
    zh: '被请求人陈述意见期',
    en: "Respondent's response window",
    amount: 15,
    unit: 'ND',
    actor: 'party',
    tolledBy: [],
    extensions: [],
    from: FROM_SERVICE,
    source: { law: DECREE_81, article: '第六十五条', confidence: 'V' },
  },
  {
    id: 'mediation.filing',
    key: 'filing',
    zh: '调解立案审查期限',
    en: 'Decide whether to file the mediation',
    amount: 5,
    unit: 'WD',
    actor: 'office',
    tolledBy: [],
    extensions: [],
    from: FROM_STATEMENT,
    source: { law: DECREE_81, article: '第六十六条', confidence: 'V' },
  },
  {
    id: 'mediation.closing',
    key: 'closing',
    zh: '调解期限（两个月）',
    en: 'Close the mediation (2 months)',
    amount: 2,
    unit: 'MONTH',
    actor: 'office',
    tolledBy: ['suspension', 'appraisal'],
    extensions: [{ level: 'department_head', max: 1, unit: 'MONTH' }],
    from: FROM_FILING,
    // Art 70 sets 2 months (+1) for ownership disputes; applying it to every patent mediation is a reading [S].
    source: { law: DECREE_81, article: '第七十条', confidence: 'S' },
  },

  // —— 假冒专利 (执法办法 Decree 71) ——
  {
    id: 'penalty_passing_off.filing.ex_officio',
    key: 'filing',
    zh: '立案期限（自行发现）',
    en: 'Decide whether to file (found by the office)',
    amount: 5,
    unit: 'WD',
    actor: 'office',
    tolledBy: [],
    extensions: [],
    when: { sources: ['ex_officio', 'trade_fair', 'customs'] },
    from: { zh: '自发现之日起', en: 'from discovery' },
    source: { law: DECREE_71, article: '第二十八条', confidence: 'V' },
  },
  {
    id: 'penalty_passing_off.filing',
    key: 'filing',
    zh: '立案期限（举报投诉）',
    en: 'Decide whether to file (report or complaint)',
    amount: 10,
    unit: 'WD',
    actor: 'office',
    tolledBy: [],
    extensions: [],
    from: FROM_RECEIPT,
    source: { law: DECREE_71, article: '第二十八条', confidence: 'V' },
  },
  {
    id: 'penalty_passing_off.closing',
    key: 'closing',
    zh: '办案期限（一个月）',
    en: 'Close the case (1 month)',
    amount: 1,
    unit: 'MONTH',
    actor: 'office',
    tolledBy: ['hearing', 'public_notice'],
    extensions: [{ level: 'department_head', max: 15, unit: 'ND' }],
    from: FROM_FILING,
    source: { law: DECREE_71, article: '第三十六条', confidence: 'V' },
  },
  statementWindow('penalty_passing_off'),
  decisionService('penalty_passing_off'),

  // —— 商标等市场监管处罚 (SAMR Decree 2) ——
  {
    id: 'penalty_trademark.filing',
    key: 'filing',
    zh: '核查线索、决定是否立案',
    en: 'Check the lead and decide whether to file',
    amount: 15,
    unit: 'WD',
    actor: 'office',
    tolledBy: ['appraisal', 'right_holder_identification'],
    extensions: [{ level: 'department_head', max: 15, unit: 'WD' }],
    from: { zh: '自发现线索或收到材料之日起', en: 'from discovering the lead or receiving the materials' },
    source: { law: SAMR_2, article: '第十八条', confidence: 'V' },
  },
  {
    id: 'penalty_trademark.closing',
    key: 'closing',
    zh: '作出处理决定期限（九十日）',
    en: 'Decide (90 days)',
    amount: 90,
    unit: 'ND',
    actor: 'office',
    tolledBy: PENALTY_TOLLS,
    extensions: [
      { level: 'department_head', max: 30, unit: 'ND' },
      { level: 'collective', max: null, unit: 'ND', repeatable: true },
    ],
    from: FROM_FILING,
    source: { law: SAMR_2, article: '第六十四条', confidence: 'S' },
  },
  statementWindow('penalty_trademark'),
  decisionService('penalty_trademark'),

  // —— 著作权行政处罚 (NCAC Decree 6; closing limit from 行政处罚法) ——
  {
    id: 'penalty_copyright.filing',
    key: 'filing',
    zh: '受理审查期限',
    en: 'Decide whether to accept',
    amount: 15,
    unit: 'ND',
    actor: 'office',
    tolledBy: [],
    extensions: [],
    from: { zh: '自收到全部投诉材料之日起', en: 'from receipt of all complaint materials' },
    source: { law: COPYRIGHT_6, article: '第十三条', confidence: 'V' },
  },
  {
    id: 'penalty_copyright.closing',
    key: 'closing',
    zh: '作出处罚决定期限（九十日）',
    en: 'Decide (90 days)',
    amount: 90,
    unit: 'ND',
    actor: 'office',
    tolledBy: PENALTY_TOLLS,
    extensions: [],
    from: FROM_FILING,
    // Art 60 sets the 90 days; which periods it excludes is the SAMR reading applied by analogy [U].
    source: { law: APL, article: '第六十条', confidence: 'U' },
  },
  statementWindow('penalty_copyright'),
  decisionService('penalty_copyright'),

  // —— 植物新品种 (农业行政处罚程序规定 [U]) ——
  {
    id: 'penalty_plant_variety.filing',
    key: 'filing',
    zh: '立案期限',
    en: 'Decide whether to file',
    amount: 7,
    unit: 'WD',
    actor: 'office',
    tolledBy: [],
    extensions: [{ level: 'department_head', max: 7, unit: 'WD' }],
    from: FROM_RECEIPT,
    source: { law: AGRI, article: '第二十九条', confidence: 'U' },
  },
  {
    id: 'penalty_plant_variety.closing',
    key: 'closing',
    zh: '作出处罚决定期限（九十日）',
    en: 'Decide (90 days)',
    amount: 90,
    unit: 'ND',
    actor: 'office',
    tolledBy: PENALTY_TOLLS,
    extensions: [{ level: 'department_head', max: 30, unit: 'ND' }],
    from: FROM_FILING,
    source: { law: AGRI, article: '第六十二条', confidence: 'U' },
  },
  statementWindow('penalty_plant_variety'),
  decisionService('penalty_plant_variety'),

  // —— 快速维权 (rapid protection centres; no statute — configuration [U]) ——
  {
    id: 'fast_track.filing',
    key: 'filing',
    zh: '快速受理期限',
    en: 'Accept for fast-track handling',
    amount: 2,
    unit: 'WD',
    actor: 'office',
    tolledBy: [],
    extensions: [],
    from: FROM_RECEIPT,
    source: { law: '知识产权快速维权中心工作规范（本地配置）', article: '—', confidence: 'U' },
  },
  {
    id: 'fast_track.closing',
    key: 'closing',
    zh: '快速处理期限',
    en: 'Close the fast-track case',
    amount: 10,
    unit: 'WD',
    actor: 'office',
    tolledBy: ['suspension', 'appraisal'],
    extensions: [{ level: 'department_head', max: 10, unit: 'WD' }],
    from: FROM_FILING,
    // About two weeks on average (domain.md §7 "Rapid centres" [S]); the promise itself is local practice [U].
    source: { law: '知识产权快速维权中心工作规范（本地配置）', article: '—', confidence: 'U' },
  },
];

/** A configured replacement of a rule's amount and unit (only for [S]/[U] rules). */
export interface DeadlineOverride {
  amount: number;
  unit: PeriodUnit;
}

/**
 * Applies configured overrides to the rule table. An override of a rule read from the article itself ([V]) or of an
 * unknown rule id is refused: the statute, not configuration, sets those.
 */
export function applyDeadlineOverrides(
  rules: readonly DeadlineRule[],
  overrides: Readonly<Record<string, DeadlineOverride>>,
): DeadlineRule[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const [id, o] of Object.entries(overrides)) {
    const rule = byId.get(id);
    if (!rule) throw new Error(`Deadline override for unknown rule "${id}"`);
    if (rule.source.confidence === 'V') {
      throw new Error(
        `Deadline rule "${id}" is statutory ([V], ${rule.source.article}) and cannot be overridden`,
      );
    }
    if (!Number.isInteger(o.amount) || o.amount < 1 || o.amount > 1000) {
      throw new Error(`Deadline override for "${id}" needs a whole amount from 1 to 1000`);
    }
    if (!['WD', 'ND', 'MONTH'].includes(o.unit)) {
      throw new Error(`Deadline override for "${id}" needs unit WD, ND or MONTH`);
    }
  }
  return rules.map((r) => (overrides[r.id] ? { ...r, ...overrides[r.id] } : r));
}
