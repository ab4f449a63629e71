import type { PeriodUnit } from '../calendar';
import type { CompetenceCode, IpType, Labelled } from '../cases/catalog';
import type { RuleSource } from '../cases/deadline-rules';

/** How a complaint (工单) reached the office (domain.md §4 "Channels"). */
export const COMPLAINT_CHANNELS = [
  { code: 'phone', zh: '12330电话', en: '12330 phone call' },
  { code: 'web', zh: '网上投诉', en: 'Web form' },
  { code: 'wechat', zh: '微信', en: 'WeChat' },
  { code: 'email', zh: '电子邮件', en: 'E-mail' },
  { code: 'walk_in', zh: '现场来访', en: 'Walk-in' },
  { code: 'trade_fair', zh: '展会现场', en: 'Trade fair on site' },
] as const satisfies readonly (Labelled & { code: string })[];
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number]['code'];
export const COMPLAINT_CHANNEL_CODES = COMPLAINT_CHANNELS.map((c) => c.code) as ComplaintChannel[];

/**
 * Request types (domain.md §4 "Suggested categories"; 总局令第20号 Art 3: 投诉 is a dispute the complainant wants
 * resolved, 举报 a lead about a violation — which may be anonymous).
 */
export const COMPLAINT_CATEGORIES = [
  { code: 'assistance', zh: '维权援助', en: 'Rights-protection assistance', anonymousAllowed: false },
  { code: 'complaint', zh: '投诉', en: 'Complaint', anonymousAllowed: false },
  { code: 'report', zh: '举报', en: 'Report', anonymousAllowed: true },
  { code: 'consultation', zh: '咨询', en: 'Consultation', anonymousAllowed: true },
] as const satisfies readonly (Labelled & { code: string; anonymousAllowed: boolean })[];
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number]['code'];
export const COMPLAINT_CATEGORY_CODES = COMPLAINT_CATEGORIES.map((c) => c.code) as ComplaintCategory[];

export const COMPLAINT_STATES = [
  { code: 'received', zh: '已登记', en: 'Received', open: true },
  { code: 'triaged', zh: '已分办', en: 'Triaged', open: true },
  { code: 'accepted', zh: '已受理', en: 'Accepted', open: true },
  { code: 'not_accepted', zh: '不予受理', en: 'Not accepted', open: false },
  { code: 'transferred', zh: '已转办', en: 'Transferred', open: false },
  { code: 'answered', zh: '已答复', en: 'Answered', open: false },
  { code: 'converted', zh: '已立案', en: 'Filed as a case', open: false },
  { code: 'merged', zh: '已合并', en: 'Merged into another complaint', open: false },
  { code: 'closed', zh: '已办结', en: 'Closed', open: false },
] as const satisfies readonly (Labelled & { code: string; open: boolean })[];
export type ComplaintState = (typeof COMPLAINT_STATES)[number]['code'];
export const COMPLAINT_STATE_CODES = COMPLAINT_STATES.map((s) => s.code) as ComplaintState[];

/** Grounds to refuse a complaint (总局令第20号 Art 15), plus a free reason. */
export const REFUSAL_GROUNDS = [
  {
    code: 'known_over_3_years',
    zh: '知道或应当知道权益受侵害超过三年',
    en: 'Known of the harm more than three years ago',
  },
  {
    code: 'handled_elsewhere',
    zh: '已由其他机关受理或处理',
    en: 'Already accepted or handled by another body',
  },
  { code: 'materials_missing', zh: '未提供必要的材料', en: 'Required materials are missing' },
  { code: 'not_competent', zh: '不属于本机关管辖', en: 'Not within this office’s competence' },
  { code: 'other', zh: '其他理由', en: 'Other reason' },
] as const satisfies readonly (Labelled & { code: string })[];
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number]['code'];
export const REFUSAL_GROUND_CODES = REFUSAL_GROUNDS.map((g) => g.code) as RefusalGround[];

export interface AcceptanceRule {
  id: string;
  zh: string;
  en: string;
  /** Which complaints the rule governs; the first rule that matches applies. */
  when: {
    categories?: readonly ComplaintCategory[];
    ipTypes?: readonly IpType[];
    channels?: readonly ComplaintChannel[];
  };
  amount: number;
  unit: PeriodUnit;
  /** Extension with approval, when the rule allows one. */
  extension?: { amount: number; unit: PeriodUnit };
  source: RuleSource;
}

const SAMR_20 = '《市场监督管理投诉举报处理暂行办法》（总局令第20号）';
const SAMR_2 = '《市场监督管理行政处罚程序规定》（总局令第2号）';
const DECREE_71 = '《专利行政执法办法》（国家知识产权局令第71号）';
const NCAC_6 = '《著作权行政处罚实施办法》（国家版权局令第6号）';
const FAIR = '《展会知识产权保护办法》';

/**
 * How long the office has to accept or refuse (or to verify a report), per category, IP type and channel
 * (domain.md §1 and §4). Order matters: specific rows first.
 */
export const ACCEPTANCE_RULES: readonly AcceptanceRule[] = [
  {
    id: 'intake.trade_fair',
    zh: '展会投诉移交主管部门（24小时）',
    en: 'Hand a trade-fair complaint to the competent office (24 hours)',
    when: { channels: ['trade_fair'], categories: ['complaint', 'report', 'assistance'] },
    amount: 24,
    unit: 'HOUR',
    source: { law: FAIR, article: '第六条', confidence: 'S' },
  },
  {
    id: 'intake.copyright_complaint',
    zh: '著作权投诉受理审查（十五日）',
    en: 'Accept or refuse a copyright complaint (15 days)',
    when: { categories: ['complaint', 'report'], ipTypes: ['copyright', 'copyright_software'] },
    amount: 15,
    unit: 'ND',
    source: { law: NCAC_6, article: '第十三条', confidence: 'V' },
  },
  {
    id: 'intake.passing_off_report',
    zh: '假冒专利举报立案审查（十个工作日）',
    en: 'Decide on filing a passing-off report (10 working days)',
    when: { categories: ['report'], ipTypes: ['patent_invention', 'patent_utility', 'patent_design'] },
    amount: 10,
    unit: 'WD',
    source: { law: DECREE_71, article: '第二十八条', confidence: 'V' },
  },
  {
    id: 'intake.report',
    zh: '举报核查（十五个工作日）',
    en: 'Verify a report (15 working days)',
    when: { categories: ['report'] },
    amount: 15,
    unit: 'WD',
    extension: { amount: 15, unit: 'WD' },
    source: { law: SAMR_2, article: '第十八条', confidence: 'V' },
  },
  {
    id: 'intake.complaint',
    zh: '投诉受理决定（七个工作日）',
    en: 'Accept or refuse a complaint (7 working days)',
    when: { categories: ['complaint', 'assistance'] },
    amount: 7,
    unit: 'WD',
    source: { law: SAMR_20, article: '第十四条', confidence: 'V' },
  },
  {
    id: 'intake.consultation',
    zh: '咨询答复（三个工作日）',
    en: 'Answer a consultation (3 working days)',
    when: { categories: ['consultation'] },
    amount: 3,
    unit: 'WD',
    source: { law: '12330热线工作规范（本地配置）', article: '—', confidence: 'S' },
  },
];

/** A real-name reporter is told the outcome within 5 working days of the filing decision (总局令第20号 Art 31). */
export const REPORTER_NOTICE_RULE = {
  id: 'intake.reporter_notice',
  amount: 5,
  unit: 'WD' as PeriodUnit,
  source: { law: SAMR_20, article: '第三十一条', confidence: 'V' } as RuleSource,
};

/** How the complainant was told of the outcome when it was not by the automatic SMS / e-mail. */
export const NOTICE_CHANNELS = [
  { code: 'phone', zh: '电话告知', en: 'By phone' },
  { code: 'sms', zh: '短信', en: 'By SMS' },
  { code: 'email', zh: '电子邮件', en: 'By e-mail' },
  { code: 'letter', zh: '书面告知', en: 'By letter' },
  { code: 'in_person', zh: '当面告知', en: 'In person' },
] as const satisfies readonly (Labelled & { code: string })[];
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number]['code'];
export const NOTICE_CHANNEL_CODES = NOTICE_CHANNELS.map((c) => c.code) as NoticeChannel[];

/** Callback satisfaction (回访满意度), 1–5; 4 and 5 count as satisfied (domain.md §5 KPIs). */
export const SATISFACTION_SCALE = [
  { code: 1, zh: '非常不满意', en: 'Very dissatisfied' },
  { code: 2, zh: '不满意', en: 'Dissatisfied' },
  { code: 3, zh: '一般', en: 'Neutral' },
  { code: 4, zh: '满意', en: 'Satisfied' },
  { code: 5, zh: '非常满意', en: 'Very satisfied' },
] as const;
export const SATISFIED_FROM = 4;

/** The acceptance rule for a complaint: the first row whose conditions all hold. */
export function acceptanceRuleFor(c: {
  category: string;
  ipType: string | null;
  channel: string;
}): AcceptanceRule | undefined {
  return ACCEPTANCE_RULES.find(
    (r) =>
      (!r.when.categories || r.when.categories.includes(c.category as ComplaintCategory)) &&
      (!r.when.ipTypes || (c.ipType !== null && r.when.ipTypes.includes(c.ipType as IpType))) &&
      (!r.when.channels || r.when.channels.includes(c.channel as ComplaintChannel)),
  );
}

/** The competence a complaint needs from its office: the IP type's, or none for a consultation. */
export function competenceFor(ipType: { competence: CompetenceCode } | undefined): CompetenceCode | null {
  return ipType?.competence ?? null;
}

/** Tracking numbers read out on the phone: `12330` + yymmdd + a zero-padded sequence, e.g. 12330-261125-000123. */
export function formatTrackingNumber(receivedOn: string, seq: number): string {
  const d = receivedOn.replace(/-/g, '').slice(2);
  return `12330-${d}-${String(seq).padStart(6, '0')}`;
}
