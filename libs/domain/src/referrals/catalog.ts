import type { PeriodUnit } from '../calendar';
import type { Labelled } from '../cases/catalog';
import type { Confidence, RuleSource } from '../cases/deadline-rules';

/**
 * Referrals between offices (domain.md §3 and §1.6): a case handed to another office for jurisdiction, a request for
 * assistance, a joint action under one lead, and the transfer of a suspected crime to the police.
 */
export const REFERRAL_KINDS = [
  {
    code: 'jurisdiction',
    zh: '移送管辖',
    en: 'Jurisdiction transfer',
    /** The receiving office needs the case's competence; a received transfer is never sent on (不得再自行移送). */
    target: 'same_competence',
  },
  { code: 'assistance', zh: '协助调查', en: 'Assistance request', target: 'same_competence' },
  { code: 'joint', zh: '联合执法', en: 'Joint enforcement action', target: 'same_competence' },
  {
    code: 'criminal',
    zh: '涉嫌犯罪案件移送',
    en: 'Transfer of a suspected crime',
    target: 'public_security',
  },
] as const satisfies readonly (Labelled & { code: string; target: 'same_competence' | 'public_security' })[];
export type ReferralKind = (typeof REFERRAL_KINDS)[number]['code'];
export const REFERRAL_KIND_CODES = REFERRAL_KINDS.map((k) => k.code) as ReferralKind[];

export const REFERRAL_STATES = [
  {
    code: 'proposed',
    zh: '专案组已报告，待负责人审批',
    en: 'Reported by the team, awaiting approval',
    open: true,
  },
  { code: 'approved', zh: '已批准移送', en: 'Transfer approved', open: true },
  { code: 'sent', zh: '已发出', en: 'Sent', open: true },
  { code: 'received', zh: '已签收', en: 'Received', open: true },
  { code: 'accepted', zh: '已接受', en: 'Accepted', open: true },
  { code: 'answered', zh: '已回复', en: 'Answered', open: true },
  { code: 'returned', zh: '已退回', en: 'Returned', open: true },
  { code: 'escalated', zh: '已报请共同上级指定管辖', en: 'Escalated for designation', open: true },
  { code: 'police_filed', zh: '公安机关已立案', en: 'Police opened a criminal case', open: true },
  { code: 'police_refused', zh: '公安机关不予立案', en: 'Police declined to open a case', open: true },
  { code: 'reconsideration', zh: '已提请复议', en: 'Reconsideration requested', open: true },
  {
    code: 'reconsideration_refused',
    zh: '复议维持不予立案',
    en: 'Refusal upheld on reconsideration',
    open: true,
  },
  { code: 'closed', zh: '已办结', en: 'Closed', open: false },
  { code: 'designated', zh: '已指定管辖', en: 'Jurisdiction designated', open: false },
  { code: 'refused', zh: '负责人不批准移送', en: 'Transfer not approved', open: false },
  { code: 'withdrawn', zh: '已撤回', en: 'Withdrawn', open: false },
  { code: 'procuratorate', zh: '已提请检察院立案监督', en: 'Referred to the procuratorate', open: false },
] as const satisfies readonly (Labelled & { code: string; open: boolean })[];
export type ReferralState = (typeof REFERRAL_STATES)[number]['code'];
export const REFERRAL_STATE_CODES = REFERRAL_STATES.map((s) => s.code) as ReferralState[];
export const OPEN_REFERRAL_STATES = REFERRAL_STATES.filter((s) => s.open).map(
  (s) => s.code,
) as ReferralState[];

/** Which clock of a referral a rule sets; a referral has one running clock at a time. */
export const REFERRAL_CLOCKS = [
  { code: 'approval', zh: '负责人审批', en: 'Head approves or refuses' },
  { code: 'transfer', zh: '移送公安机关', en: 'Send the package to the police' },
  { code: 'response', zh: '接收机关签收处理', en: 'Receiving office accepts or returns' },
  { code: 'answer', zh: '协作事项回复', en: 'Answer the request' },
  { code: 'negotiation', zh: '协商管辖', en: 'Negotiate jurisdiction' },
  { code: 'designation', zh: '共同上级指定管辖', en: 'Common superior designates' },
  { code: 'police_decision', zh: '公安机关立案审查', en: 'Police decide whether to open a case' },
  { code: 'reconsideration_request', zh: '提请复议', en: 'Ask the police to reconsider' },
  { code: 'reconsideration_decision', zh: '公安机关复议决定', en: 'Police decide on reconsideration' },
  { code: 'procuratorate', zh: '提请检察院立案监督', en: 'Escalate to the procuratorate' },
  { code: 'exhibits', zh: '移交涉案物品', en: 'Hand over the exhibits' },
] as const satisfies readonly (Labelled & { code: string })[];
export type ReferralClock = (typeof REFERRAL_CLOCKS)[number]['code'];

export interface ReferralDeadlineRule {
  id: string;
  kind: ReferralKind;
  clock: ReferralClock;
  amount: number;
  unit: PeriodUnit;
  source: RuleSource;
}

const DECREE_310 = '《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号，2020年修订）';
// The 7-working-day negotiation is read in the former 工商 procedure rules Art 11 and the complaint measures
// Arts 30/37; its article number in the current SAMR Decree 2 is unverified (domain.md §3).
const SAMR_2 = '《市场监督管理行政处罚程序规定》（总局令第2号）';
const SAMR_2_ART = '管辖争议协商（原工商程序规定第十一条；现行条号待核）';
const POLICY = '跨区域执法协作机制（本地配置）';
const rule = (
  kind: ReferralKind,
  clock: ReferralClock,
  amount: number,
  unit: PeriodUnit,
  law: string,
  article: string,
  confidence: Confidence,
): ReferralDeadlineRule => ({
  id: `referral.${kind}.${clock}`,
  kind,
  clock,
  amount,
  unit,
  source: { law, article, confidence },
});

/**
 * Time limits of referrals. The criminal-transfer limits are statutory (domain.md §1.6, [V]); jurisdiction follows
 * the market-regulation rule of negotiating for 7 working days before the common superior designates (§3); no
 * statute sets the others — assistance and joint actions — so they are configuration ([U]) with these defaults.
 */
export const REFERRAL_DEADLINE_RULES: readonly ReferralDeadlineRule[] = [
  rule('criminal', 'approval', 3, 'ND', DECREE_310, '第五条', 'V'),
  rule('criminal', 'transfer', 24, 'HOUR', DECREE_310, '第五条', 'V'),
  rule('criminal', 'police_decision', 3, 'ND', DECREE_310, '第八条', 'V'),
  rule('criminal', 'reconsideration_request', 3, 'ND', DECREE_310, '第九条', 'V'),
  rule('criminal', 'reconsideration_decision', 3, 'ND', DECREE_310, '第九条', 'V'),
  rule('criminal', 'procuratorate', 3, 'ND', DECREE_310, '第九条', 'V'),
  rule('criminal', 'exhibits', 3, 'ND', DECREE_310, '第十二条', 'V'),
  rule('jurisdiction', 'response', 7, 'WD', SAMR_2, SAMR_2_ART, 'S'),
  rule('jurisdiction', 'negotiation', 7, 'WD', SAMR_2, SAMR_2_ART, 'S'),
  rule('jurisdiction', 'designation', 10, 'WD', POLICY, '—', 'U'),
  rule('assistance', 'response', 5, 'WD', POLICY, '—', 'U'),
  rule('assistance', 'answer', 15, 'WD', POLICY, '—', 'U'),
  rule('joint', 'response', 5, 'WD', POLICY, '—', 'U'),
  rule('joint', 'answer', 30, 'ND', POLICY, '—', 'U'),
];

export function referralRule(kind: string, clock: string): ReferralDeadlineRule | undefined {
  return REFERRAL_DEADLINE_RULES.find((r) => r.kind === kind && r.clock === clock);
}

/** A criminal transfer is reported by a special team of at least two officers (国务院令第310号 Art 5). */
export const CRIMINAL_TEAM_MIN = 2;
