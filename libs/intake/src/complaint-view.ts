import type { Actor } from '@app/contracts';
import { CASE_STATES, maskedOrNull, maskEmail, maskIdNumber, maskPhone } from '@app/domain';

/** A complaint as staff see it (confidential identities withheld from those who do not handle it). */
export interface ComplaintView {
  id: string;
  trackingNo: string;
  channel: string;
  category: string;
  state: string;
  anonymous: boolean;
  confidential: boolean;
  complainantName: string | null;
  complainantPhone: string | null;
  complainantIdNumber: string | null;
  complainantUscc: string | null;
  complainantOrg: string | null;
  complainantEmail: string | null;
  respondentName: string | null;
  respondentUscc: string | null;
  respondentAddress: string | null;
  respondentShop: string | null;
  respondentPlatform: string | null;
  respondentUrl: string | null;
  ipType: string | null;
  rightNumber: string | null;
  regionCode: string | null;
  regionName: string | null;
  description: string;
  officeId: string | null;
  officeName: string | null;
  suggestedOfficeId: string | null;
  receivedAt: string;
  ruleId: string | null;
  dueAt: string | null;
  dueDate: string | null;
  answer: string | null;
  refusalGround: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
  caseId: string | null;
  caseNumber: string | null;
  mergedInto: { id: string; trackingNo: string } | null;
  /** When the complainant must have been told the outcome (5 working days from the decision), and when they were. */
  noticeDueAt: string | null;
  notifiedAt: string | null;
  noticeChannel: string | null;
  closedAt: string | null;
  satisfaction: number | null;
  callbackComment: string | null;
  callbackAt: string | null;
  callbackAttempts: number;
  sourceSystem: string | null;
  externalRef: string | null;
  version: number;
}

export interface MergedComplaintRef {
  id: string;
  trackingNo: string;
  receivedAt: string;
  complainantName: string | null;
}

/** One complaint with the duplicates merged into it. */
export interface ComplaintDetail extends ComplaintView {
  merged: MergedComplaintRef[];
  /** Set when the reader's office sees the complaint only through a grant, e.g. 'referral YS2026000012'. */
  grantedBy: string | null;
}

/** What the public tracking page shows: state and answer, nothing personal. */
export interface PublicComplaintView {
  trackingNo: string;
  category: string;
  state: string;
  receivedOn: string;
  officeName: string | null;
  answer: string | null;
  /** The case it was filed as, and that case's state, so the complainant can follow it. */
  caseNumber: string | null;
  caseState: { code: string; zh: string; en: string } | null;
  /** The complaint it was merged into (track that one). */
  mergedInto: string | null;
}

export type ComplaintRow = Record<string, unknown>;

/** Columns of a complaint read with `complaints c`, `regions r`, `offices o`, `cases k`, `complaints m` (merged into). */
export const COMPLAINT_COLUMNS = `c.id, c.tracking_no, c.channel, c.category, c.state, c.anonymous, c.confidential,
  c.complainant_name, c.complainant_phone, c.complainant_id_number, c.complainant_uscc, c.complainant_org,
  c.complainant_email, c.respondent_name, c.respondent_uscc, c.respondent_address, c.respondent_shop,
  c.respondent_platform, c.respondent_url, c.ip_type, c.right_number, c.region_code, r.name AS region_name,
  c.description, c.office_id, o.name AS office_name, c.suggested_office_id, c.received_at, c.rule_id, c.due_at,
  c.due_date::text, c.answer, c.refusal_ground, c.decision_reason, c.decided_at, c.case_id,
  coalesce(k.case_no, 'DJ' || k.reg_no) AS case_number, k.status AS case_status, c.merged_into,
  m.tracking_no AS merged_into_tracking_no, c.notice_due_at, c.notified_at, c.notice_channel, c.closed_at,
  c.satisfaction, c.callback_comment, c.callback_at, c.callback_attempts, c.source_system, c.external_ref,
  c.version, c.received_on::text, c.received_by`;

export const COMPLAINT_FROM = `complaints c LEFT JOIN regions r ON r.code = c.region_code
  LEFT JOIN offices o ON o.id = c.office_id LEFT JOIN cases k ON k.id = c.case_id
  LEFT JOIN complaints m ON m.id = c.merged_into`;

const str = (v: unknown) => (v === null || v === undefined ? null : (v as string));
const iso = (v: unknown) => (v ? new Date(v as Date).toISOString() : null);

export function toComplaintView(r: ComplaintRow): ComplaintView {
  return {
    id: r.id as string,
    trackingNo: r.tracking_no as string,
    channel: r.channel as string,
    category: r.category as string,
    state: r.state as string,
    anonymous: r.anonymous as boolean,
    confidential: r.confidential as boolean,
    complainantName: str(r.complainant_name),
    complainantPhone: str(r.complainant_phone),
    complainantIdNumber: str(r.complainant_id_number),
    complainantUscc: str(r.complainant_uscc),
    complainantOrg: str(r.complainant_org),
    complainantEmail: str(r.complainant_email),
    respondentName: str(r.respondent_name),
    respondentUscc: str(r.respondent_uscc),
    respondentAddress: str(r.respondent_address),
    respondentShop: str(r.respondent_shop),
    respondentPlatform: str(r.respondent_platform),
    respondentUrl: str(r.respondent_url),
    ipType: str(r.ip_type),
    rightNumber: str(r.right_number),
    regionCode: str(r.region_code),
    regionName: str(r.region_name),
    description: r.description as string,
    officeId: str(r.office_id),
    officeName: str(r.office_name),
    suggestedOfficeId: str(r.suggested_office_id),
    receivedAt: iso(r.received_at)!,
    ruleId: str(r.rule_id),
    dueAt: iso(r.due_at),
    dueDate: str(r.due_date),
    answer: str(r.answer),
    refusalGround: str(r.refusal_ground),
    decisionReason: str(r.decision_reason),
    decidedAt: iso(r.decided_at),
    caseId: str(r.case_id),
    caseNumber: str(r.case_number),
    mergedInto: r.merged_into
      ? { id: r.merged_into as string, trackingNo: r.merged_into_tracking_no as string }
      : null,
    noticeDueAt: iso(r.notice_due_at),
    notifiedAt: iso(r.notified_at),
    noticeChannel: str(r.notice_channel),
    closedAt: iso(r.closed_at),
    satisfaction: r.satisfaction === null || r.satisfaction === undefined ? null : Number(r.satisfaction),
    callbackComment: str(r.callback_comment),
    callbackAt: iso(r.callback_at),
    callbackAttempts: Number(r.callback_attempts ?? 0),
    sourceSystem: str(r.source_system),
    externalRef: str(r.external_ref),
    version: r.version as number,
  };
}

/** Whether the viewer handles the complaint: its office, or the operator who took it. */
export const handles = (actor: Actor, r: ComplaintRow) =>
  r.office_id === actor.officeId || r.received_by === actor.id;

/**
 * Reporter confidentiality (总局令第20号 Art 33): the identity of a confidential complainant is shown only to the
 * handling office and to whoever took the complaint; everyone else sees it withheld. Phone, ID number and e-mail are
 * masked for everyone (issue 9, PIPL art. 28/51): the full values come only from the audited reveal
 * (ComplaintPersonalDataService).
 */
export function forViewer(actor: Actor, r: ComplaintRow): ComplaintView {
  const view = maskComplainant(toComplaintView(r));
  if (!view.confidential || handles(actor, r)) return view;
  return {
    ...view,
    complainantName: view.complainantName === null ? null : '（保密）',
    complainantPhone: null,
    complainantIdNumber: null,
    complainantUscc: null,
    complainantOrg: null,
    complainantEmail: null,
  };
}

/** The complainant's phone, ID number and e-mail as staff views show them: masked (`138****5678`). */
export function maskComplainant<T extends ComplainantPersonalData>(view: T): T {
  return {
    ...view,
    complainantPhone: maskedOrNull(view.complainantPhone, maskPhone),
    complainantIdNumber: maskedOrNull(view.complainantIdNumber, maskIdNumber),
    complainantEmail: maskedOrNull(view.complainantEmail, maskEmail),
  };
}

/** The complainant's personal data that staff views mask, unmasked by the audited reveal. */
export interface ComplainantPersonalData {
  complainantPhone: string | null;
  complainantIdNumber: string | null;
  complainantEmail: string | null;
}

/** The public view: state, office, answer, the case it became — nothing personal. */
export function toPublicView(r: ComplaintRow): PublicComplaintView {
  const caseState = r.case_status ? CASE_STATES.find((s) => s.code === r.case_status) : undefined;
  return {
    trackingNo: r.tracking_no as string,
    category: r.category as string,
    state: r.state as string,
    receivedOn: r.received_on as string,
    officeName: str(r.office_name),
    answer: str(r.answer),
    caseNumber: str(r.case_number),
    caseState: caseState ? { code: caseState.code, zh: caseState.zh, en: caseState.en } : null,
    mergedInto: str(r.merged_into_tracking_no),
  };
}
