import { validateIdentifier, type IdentifierKind } from '../identifiers';

/**
 * The vocabularies of case handling, as data. Adding an IP type (e.g. geographical indications or IC layout designs,
 * domain.md §1.7) is a new row here plus a procedure that accepts it — no code paths branch on these codes.
 */

export interface Labelled {
  zh: string;
  en: string;
}

/** The bilingual label of `code` in a vocabulary (the code itself in both languages when it is not there). */
export function labelOf(list: readonly (Labelled & { code: string })[], code: unknown): Labelled {
  const x = list.find((i) => i.code === code);
  return { zh: x?.zh ?? String(code), en: x?.en ?? String(code) };
}

/** What kind of office may handle the right (office competences from the foundation). */
export type CompetenceCode = 'patent' | 'trademark' | 'copyright' | 'plant_variety';

export interface IpTypeDef extends Labelled {
  code: string;
  competence: CompetenceCode;
  /** Identifier kinds a right of this type is numbered with (validated on entry). */
  rightNumberKinds: readonly IdentifierKind[];
}

export const IP_TYPES = [
  {
    code: 'patent_invention',
    zh: '发明专利',
    en: 'Invention patent',
    competence: 'patent',
    rightNumberKinds: ['patent_application', 'patent_publication'],
  },
  {
    code: 'patent_utility',
    zh: '实用新型专利',
    en: 'Utility model patent',
    competence: 'patent',
    rightNumberKinds: ['patent_application', 'patent_publication'],
  },
  {
    code: 'patent_design',
    zh: '外观设计专利',
    en: 'Design patent',
    competence: 'patent',
    rightNumberKinds: ['patent_application', 'patent_publication'],
  },
  {
    code: 'trademark',
    zh: '商标',
    en: 'Trademark',
    competence: 'trademark',
    rightNumberKinds: ['trademark'],
  },
  // Copyright registrations have no check-digit format; the number is free text (validated for length only).
  { code: 'copyright', zh: '著作权', en: 'Copyright', competence: 'copyright', rightNumberKinds: [] },
  {
    code: 'copyright_software',
    zh: '计算机软件著作权',
    en: 'Software copyright',
    competence: 'copyright',
    rightNumberKinds: [],
  },
  {
    code: 'plant_variety',
    zh: '植物新品种权',
    en: 'Plant variety right',
    competence: 'plant_variety',
    rightNumberKinds: ['plant_variety_right'],
  },
] as const satisfies readonly IpTypeDef[];

export type IpType = (typeof IP_TYPES)[number]['code'];
export const IP_TYPE_CODES = IP_TYPES.map((t) => t.code) as IpType[];
export const ipTypeDef = (code: string): IpTypeDef | undefined => IP_TYPES.find((t) => t.code === code);

/** Where a case came from. */
export const CASE_SOURCES = [
  { code: 'complaint', zh: '投诉举报', en: 'Complaint or report' },
  { code: 'ex_officio', zh: '依职权检查', en: 'Ex officio inspection' },
  { code: 'referral', zh: '移送', en: 'Referral' },
  { code: 'trade_fair', zh: '展会', en: 'Trade fair' },
  { code: 'ecommerce', zh: '电商平台报告', en: 'E-commerce platform report' },
  { code: 'customs', zh: '海关', en: 'Customs' },
  { code: 'request', zh: '当事人请求', en: "Party's request" },
] as const satisfies readonly (Labelled & { code: string })[];
export type CaseSource = (typeof CASE_SOURCES)[number]['code'];
export const CASE_SOURCE_CODES = CASE_SOURCES.map((s) => s.code) as CaseSource[];

export const PARTY_ROLES = [
  { code: 'claimant', zh: '请求人/权利人', en: 'Claimant' },
  { code: 'respondent', zh: '被请求人/当事人', en: 'Respondent' },
  { code: 'third_party', zh: '第三人', en: 'Third party' },
] as const satisfies readonly (Labelled & { code: string })[];
export type PartyRole = (typeof PARTY_ROLES)[number]['code'];
export const PARTY_ROLE_CODES = PARTY_ROLES.map((r) => r.code) as PartyRole[];

export const PARTY_KINDS = [
  { code: 'enterprise', zh: '单位', en: 'Enterprise or organisation' },
  { code: 'individual', zh: '自然人', en: 'Individual' },
] as const satisfies readonly (Labelled & { code: string })[];
export type PartyKind = (typeof PARTY_KINDS)[number]['code'];
export const PARTY_KIND_CODES = PARTY_KINDS.map((k) => k.code) as PartyKind[];

export const EVIDENCE_KINDS = [
  { code: 'document', zh: '书证', en: 'Document' },
  { code: 'photo', zh: '照片', en: 'Photo' },
  { code: 'video', zh: '视听资料', en: 'Audio or video' },
  { code: 'sample', zh: '物证/样品', en: 'Physical sample' },
  { code: 'electronic', zh: '电子数据', en: 'Electronic data' },
  { code: 'notarised', zh: '公证文书', en: 'Notarised record' },
  { code: 'record', zh: '询问笔录/现场笔录', en: 'Interview or on-site record' },
] as const satisfies readonly (Labelled & { code: string })[];
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]['code'];
export const EVIDENCE_KIND_CODES = EVIDENCE_KINDS.map((k) => k.code) as EvidenceKind[];

export const CASE_FLAGS = [
  { code: 'major', zh: '大案要案', en: 'Major case' },
  { code: 'repeat', zh: '重复侵权', en: 'Repeat infringer' },
  { code: 'online', zh: '网络侵权', en: 'Online infringement' },
] as const satisfies readonly (Labelled & { code: string })[];
export type CaseFlag = (typeof CASE_FLAGS)[number]['code'];
export const CASE_FLAG_CODES = CASE_FLAGS.map((f) => f.code) as CaseFlag[];

/**
 * Periods that stop a statutory clock (domain.md §6 "Pause/resume"). Which of them a given limit excludes is the
 * deadline rule's `tolledBy` list, citing its article.
 */
export const PAUSE_KINDS = [
  { code: 'suspension', zh: '中止', en: 'Suspension' },
  { code: 'public_notice', zh: '公告', en: 'Public notice' },
  { code: 'appraisal', zh: '检验检测鉴定', en: 'Testing or appraisal' },
  { code: 'hearing', zh: '听证', en: 'Hearing' },
  { code: 'jurisdiction_objection', zh: '管辖权异议', en: 'Jurisdiction objection' },
  { code: 'evidence_extension', zh: '当事人申请延长举证期限', en: 'Evidence period extended on request' },
  { code: 'settlement', zh: '和解', en: 'Settlement talks' },
  { code: 'right_holder_identification', zh: '权利人辨认鉴别', en: 'Identification by the right-holder' },
] as const satisfies readonly (Labelled & { code: string })[];
export type PauseKind = (typeof PAUSE_KINDS)[number]['code'];
export const PAUSE_KIND_CODES = PAUSE_KINDS.map((k) => k.code) as PauseKind[];

/** Who approved an extension (domain.md §6 "Extension records"). */
export const APPROVER_LEVELS = [
  { code: 'department_head', zh: '本部门负责人批准', en: 'Head of department' },
  { code: 'collective', zh: '负责人集体讨论决定', en: 'Collective decision of the heads' },
  { code: 'next_level', zh: '上一级部门批准', en: 'Next-level-up department' },
] as const satisfies readonly (Labelled & { code: string })[];
export type ApproverLevel = (typeof APPROVER_LEVELS)[number]['code'];
export const APPROVER_LEVEL_CODES = APPROVER_LEVELS.map((l) => l.code) as ApproverLevel[];

/** How a case was decided. `penalty` carries amounts; `warning` is a penalty that is never published. */
export const OUTCOMES = [
  { code: 'penalty', zh: '行政处罚', en: 'Administrative penalty' },
  { code: 'warning', zh: '警告', en: 'Warning' },
  { code: 'no_penalty', zh: '不予行政处罚', en: 'No penalty' },
  { code: 'ruling_infringing', zh: '裁决侵权成立', en: 'Ruling: infringement established' },
  { code: 'ruling_not_infringing', zh: '裁决侵权不成立', en: 'Ruling: no infringement' },
  { code: 'mediation_agreement', zh: '达成调解协议', en: 'Mediation agreement' },
  { code: 'mediation_failed', zh: '调解不成', en: 'Mediation failed' },
  { code: 'withdrawn', zh: '撤回请求/撤销案件', en: 'Withdrawn' },
  { code: 'not_established', zh: '违法事实不成立', en: 'Violation not established' },
] as const satisfies readonly (Labelled & { code: string })[];
export type Outcome = (typeof OUTCOMES)[number]['code'];
export const OUTCOME_CODES = OUTCOMES.map((o) => o.code) as Outcome[];

/** Documents the system generates from a template with the case data. */
export const DOCUMENT_KINDS = [
  { code: 'filing_notice', zh: '立案通知书', en: 'Notice of filing', numberWord: '立' },
  { code: 'not_filed_notice', zh: '不予立案通知书', en: 'Notice of refusal to file', numberWord: '不立' },
  { code: 'penalty_notice', zh: '行政处罚告知书', en: 'Pre-decision notice', numberWord: '罚告' },
  { code: 'penalty_decision', zh: '行政处罚决定书', en: 'Penalty decision', numberWord: '罚决' },
  { code: 'ruling', zh: '专利侵权纠纷行政裁决书', en: 'Administrative ruling', numberWord: '裁' },
  { code: 'mediation_agreement', zh: '调解协议书', en: 'Mediation agreement', numberWord: '调' },
  { code: 'closing_report', zh: '结案报告', en: 'Closing report', numberWord: '结' },
] as const satisfies readonly (Labelled & { code: string; numberWord: string })[];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]['code'];
export const DOCUMENT_KIND_CODES = DOCUMENT_KINDS.map((d) => d.code) as DocumentKind[];

/**
 * The readable number of a case or document, gap-free per office and year (design.md rule 8):
 * `杭知执〔2026〕12号`, `杭知执罚决〔2026〕3号`.
 */
export function formatCaseNumber(officePrefix: string, year: number, seq: number, word = ''): string {
  return `${officePrefix}${word}〔${year}〕${seq}号`;
}

/**
 * Validates a right number against the formats of its IP type, trying each in turn. Types without a check-digit
 * format (copyright registrations) accept the text as given; a failure reports the first format's reason.
 */
export function validateRightNumber(
  ipType: IpTypeDef,
  raw: string,
):
  | { ok: true; number: string; kind: IdentifierKind | null }
  | { ok: false; code: string; reason: string; reasonZh: string } {
  let first: { ok: false; code: string; reason: string; reasonZh: string } | null = null;
  for (const kind of ipType.rightNumberKinds) {
    const res = validateIdentifier(kind, raw);
    if (res.ok) return { ok: true, number: res.normalized, kind };
    first ??= { ok: false, code: res.code, reason: res.reason, reasonZh: res.reasonZh };
  }
  return first ?? { ok: true, number: raw, kind: null };
}
