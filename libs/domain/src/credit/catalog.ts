import type { PeriodUnit } from '../calendar';
import type { Labelled, Outcome } from '../cases/catalog';
import type { Confidence, RuleSource } from '../cases/deadline-rules';

/**
 * Credit listings (domain.md §2): a serious infringer put on the list after notice and a statement-and-defence
 * window, published for a period, then removed — on expiry, early after credit repair, or on revocation when the
 * decision behind it is overturned.
 */
export const LISTING_STATES = [
  { code: 'proposed', zh: '拟列入', en: 'Proposed', open: true },
  { code: 'notified', zh: '已告知，陈述申辩期内', en: 'Notice served, defence window open', open: true },
  { code: 'defended', zh: '已陈述申辩，待审核', en: 'Statement received, awaiting review', open: true },
  { code: 'lapsed', zh: '申辩期满未陈述，待审核', en: 'Window lapsed, awaiting review', open: true },
  { code: 'published', zh: '已列入并公示', en: 'Listed and published', open: true },
  { code: 'rejected', zh: '决定不予列入', en: 'Not listed', open: false },
  { code: 'withdrawn', zh: '已撤回', en: 'Proposal withdrawn', open: false },
  { code: 'expired', zh: '期满移出', en: 'Removed at the end of its period', open: false },
  { code: 'repaired', zh: '信用修复，提前移出', en: 'Removed early after credit repair', open: false },
  { code: 'revoked', zh: '已撤销列入', en: 'Revoked', open: false },
] as const satisfies readonly (Labelled & { code: string; open: boolean })[];
export type ListingState = (typeof LISTING_STATES)[number]['code'];
export const LISTING_STATE_CODES = LISTING_STATES.map((s) => s.code) as ListingState[];
/** The only state the public registry and feed show as current. */
export const PUBLIC_LISTING_STATE: ListingState = 'published';

export const LISTING_SUBJECT_KINDS = [
  { code: 'enterprise', zh: '企业或其他组织', en: 'Enterprise or organisation' },
  { code: 'individual', zh: '自然人', en: 'Individual' },
] as const satisfies readonly (Labelled & { code: string })[];
export type ListingSubjectKind = (typeof LISTING_SUBJECT_KINDS)[number]['code'];

/**
 * The list a ground puts the subject on, and its periods: the SAMR serious-dishonesty list (总局令第44号) or the
 * CNIPA IP-credit measures (国知发保字〔2022〕8号). Periods are configuration with these defaults (domain.md §2:
 * the 2025 revision draft may change them).
 */
export const LISTING_REGIMES = [
  {
    code: 'samr_serious',
    zh: '市场监督管理严重违法失信名单',
    en: 'SAMR serious dishonesty list',
    /** Published for this long, then removed (Art 2 ¶ duration; the old rule said 5 years). */
    period: { amount: 36, unit: 'MONTH' as PeriodUnit },
    /** Early removal may be applied for this long after listing. */
    repairAfter: { amount: 12, unit: 'MONTH' as PeriodUnit },
    source: {
      law: '《市场监督管理严重违法失信名单管理办法》（总局令第44号）',
      article: '列入期限与提前移出（条号待核）',
      confidence: 'S' as Confidence,
    },
  },
  {
    code: 'cnipa_credit',
    zh: '知识产权领域严重失信主体',
    en: 'CNIPA IP-credit dishonest party',
    // The rule does not say how long measures last; one year is a local default (domain.md §2D, [U]).
    period: { amount: 12, unit: 'MONTH' as PeriodUnit },
    // Nanning's local copy allows repair 6 months after the finding ([U]).
    repairAfter: { amount: 6, unit: 'MONTH' as PeriodUnit },
    source: {
      law: '《国家知识产权局知识产权信用管理规定》（国知发保字〔2022〕8号）',
      article: '信用修复（期限待核，南宁地方规定为6个月）',
      confidence: 'U' as Confidence,
    },
  },
] as const satisfies readonly (Labelled & {
  code: string;
  period: { amount: number; unit: PeriodUnit };
  repairAfter: { amount: number; unit: PeriodUnit };
  source: RuleSource;
})[];
export type ListingRegime = (typeof LISTING_REGIMES)[number]['code'];

/** The facts of a closed case a listing ground is decided on. */
export interface ListingCaseFacts {
  ipType: string;
  procedure: string;
  outcome: Outcome | string | null;
  fineFen: number | null;
  repeatInfringer: boolean;
}

export interface ListingGround extends Labelled {
  code: string;
  regime: ListingRegime;
  source: RuleSource;
  /**
   * When a closed case qualifies by itself (a proposal is offered to the officer); null: proposed by hand only,
   * with the legal basis, e.g. a refusal to execute a decision.
   */
  qualifies: ((facts: ListingCaseFacts, config: CreditConfig) => boolean) | null;
  /** What qualifies, in words (the rule table page). */
  when: Labelled;
}

export interface CreditConfig {
  /** A fine at or above this is the aggravated end of the discretion benchmark (default ¥100,000, [U]). */
  heavyFineFen: number;
}

export const DEFAULT_CREDIT_CONFIG: CreditConfig = { heavyFineFen: 100_000 * 100 };

const SAMR_44 = '《市场监督管理严重违法失信名单管理办法》（总局令第44号）';
const CNIPA_CREDIT = '《国家知识产权局知识产权信用管理规定》（国知发保字〔2022〕8号）';
const DECREE_81 = '《专利纠纷行政裁决和调解办法》（国家知识产权局令第81号）';
const penalised = (f: ListingCaseFacts) => f.outcome === 'penalty';

/**
 * Listing grounds (design.md rule 1: a table the service and the UI read). The first three are offered
 * automatically when a case closes with a qualifying decision; the others are proposed by an officer with the
 * legal basis.
 */
export const LISTING_GROUNDS: readonly ListingGround[] = [
  {
    code: 'repeat_infringement',
    zh: '故意侵犯知识产权（重复侵权）',
    en: 'Deliberate infringement (repeat infringer)',
    regime: 'samr_serious',
    source: { law: SAMR_44, article: '第九条、第十二条（违法频次）', confidence: 'S' },
    qualifies: (f) => penalised(f) && f.repeatInfringer,
    when: {
      zh: '行政处罚结案，且当事人为重复侵权',
      en: 'Closed with a penalty, and the party is a repeat infringer',
    },
  },
  {
    code: 'heavy_fine',
    zh: '故意侵犯知识产权（从重处罚）',
    en: 'Deliberate infringement (aggravated fine)',
    regime: 'samr_serious',
    source: { law: SAMR_44, article: '第二条（较重行政处罚）、第九条', confidence: 'S' },
    qualifies: (f, c) => penalised(f) && (f.fineFen ?? 0) >= c.heavyFineFen,
    when: {
      zh: '行政处罚结案，罚款达到从重处罚标准（默认10万元，可配置）',
      en: 'Closed with a penalty whose fine reaches the aggravated level (default ¥100,000, configurable)',
    },
  },
  {
    code: 'passing_off_patent',
    zh: '假冒专利',
    en: 'Passing off a patent',
    regime: 'cnipa_credit',
    source: { law: CNIPA_CREDIT, article: '失信行为目录（第七项）', confidence: 'S' },
    qualifies: (f) => penalised(f) && f.procedure === 'penalty_passing_off',
    when: { zh: '假冒专利行政处罚结案', en: 'A passing-off case closed with a penalty' },
  },
  {
    code: 'refusing_execution',
    zh: '拒不执行行政处罚或行政裁决',
    en: 'Refusing to execute a penalty or ruling',
    regime: 'cnipa_credit',
    source: { law: `${CNIPA_CREDIT}；${DECREE_81}`, article: '失信行为第六项；第三十四条', confidence: 'V' },
    qualifies: null,
    when: {
      zh: '有履行能力但拒不履行、逃避执行（由执法人员提出）',
      en: 'Able to comply but refusing or evading it (proposed by an officer)',
    },
  },
  {
    code: 'abnormal_patent_application',
    zh: '非正常专利申请',
    en: 'Abnormal patent application',
    regime: 'cnipa_credit',
    source: { law: CNIPA_CREDIT, article: '失信行为第一项', confidence: 'S' },
    qualifies: null,
    when: { zh: '由执法人员依认定结论提出', en: 'Proposed by an officer on the finding' },
  },
  {
    code: 'bad_faith_trademark',
    zh: '恶意商标注册申请',
    en: 'Bad-faith trademark application',
    regime: 'cnipa_credit',
    source: { law: CNIPA_CREDIT, article: '失信行为第二项', confidence: 'S' },
    qualifies: null,
    when: { zh: '由执法人员依认定结论提出', en: 'Proposed by an officer on the finding' },
  },
  {
    code: 'agency_violation',
    zh: '专利、商标代理严重违法',
    en: 'Serious violation in patent or trademark agency work',
    regime: 'cnipa_credit',
    source: { law: CNIPA_CREDIT, article: '失信行为第三项', confidence: 'S' },
    qualifies: null,
    when: { zh: '由执法人员依处罚决定提出', en: 'Proposed by an officer on the penalty decision' },
  },
];
export const LISTING_GROUND_CODES = LISTING_GROUNDS.map((g) => g.code);

export const listingGround = (code: string): ListingGround | undefined =>
  LISTING_GROUNDS.find((g) => g.code === code);
export const listingRegime = (code: string) => LISTING_REGIMES.find((r) => r.code === code);

/** The grounds a closed case qualifies for by itself (the automatic proposals). */
export function qualifyingGrounds(facts: ListingCaseFacts, config: CreditConfig = DEFAULT_CREDIT_CONFIG) {
  return LISTING_GROUNDS.filter((g) => g.qualifies?.(facts, config));
}

export interface CreditPeriodRule {
  id: string;
  zh: string;
  en: string;
  amount: number;
  unit: PeriodUnit;
  source: RuleSource;
}

/**
 * The statement-and-defence window after the notice is served. The article is unverified (domain.md §2A, [U]);
 * 5 working days is the SAMR practice and the default here.
 */
export const DEFENCE_WINDOW_RULE: CreditPeriodRule = {
  id: 'credit.defence_window',
  zh: '陈述、申辩期限',
  en: 'Statement and defence window',
  amount: 5,
  unit: 'WD',
  source: { law: SAMR_44, article: '列入前告知与陈述申辩（条号待核）', confidence: 'U' },
};

/** The conditions of early removal a repair application declares (domain.md §2A, 总局令第44号, [S]). */
export const REPAIR_CONDITIONS = [
  { code: 'complied', zh: '已履行行政处罚或行政裁决', en: 'Complied with the penalty or ruling' },
  { code: 'remedied', zh: '已主动消除危害后果和不良影响', en: 'Remedied the harm and its effects' },
  { code: 'no_new_penalty', zh: '未再受到较重行政处罚', en: 'No further heavier penalty' },
  {
    code: 'measures_done',
    zh: '依法应当采取的管理措施期限已届满',
    en: 'Any mandated measure period is over',
  },
] as const satisfies readonly (Labelled & { code: string })[];
export type RepairCondition = (typeof REPAIR_CONDITIONS)[number]['code'];
export const REPAIR_CONDITION_CODES = REPAIR_CONDITIONS.map((c) => c.code) as RepairCondition[];

/** The materials of a repair application (信用修复申请书, proof of identity, 守信承诺书, proof of compliance). */
export const REPAIR_MATERIALS = [
  { code: 'application', zh: '信用修复申请书', en: 'Repair application' },
  { code: 'identity', zh: '主体资格证明', en: 'Proof of legal identity' },
  { code: 'pledge', zh: '守信承诺书', en: 'Good-conduct pledge' },
  { code: 'compliance', zh: '履行义务的证明材料', en: 'Proof of compliance' },
] as const satisfies readonly (Labelled & { code: string })[];
