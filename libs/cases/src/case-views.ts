import type { Bilingual } from '@app/contracts';
import { maskedOrNull, maskIdNumber, maskPhone, type Confidence, type PeriodUnit } from '@app/domain';

/** One row of the case list. Amounts are integer fen. */
export interface CaseSummary {
  id: string;
  regNo: string;
  caseNo: string | null;
  title: string;
  ipType: string;
  procedure: string;
  source: string;
  status: string;
  outcome: string | null;
  officeId: string;
  officeName: string;
  regionCode: string;
  regionName: string;
  receivedOn: string;
  filedOn: string | null;
  closedOn: string | null;
  /** The earliest due instant among the open office deadlines (null when none runs). */
  nextDueAt: string | null;
  nextDueKey: string | null;
  /** Working days from today to nextDueAt (negative when overdue); set by the list, null when nothing runs. */
  workingDaysLeft?: number | null;
  major: boolean;
  /** Under joint supervision (督办) by a higher region. */
  supervised: boolean;
  repeatInfringer: boolean;
  online: boolean;
  fineFen: number | null;
  version: number;
  updatedAt: string;
}

export interface CaseOfficerView {
  userId: string;
  username: string;
  displayName: string;
  lead: boolean;
}

export interface CasePartyView {
  id: string;
  role: string;
  kind: string;
  name: string;
  uscc: string | null;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  foreignDomicile: boolean;
}

/**
 * A party as case views show it: ID number and phone masked (issue 9, PIPL art. 28/51). The full values come only
 * from the audited reveal (CasePartyPersonalDataService). A credit code identifies an enterprise, not a person, and
 * stays in full.
 */
export function maskParty(p: CasePartyView): CasePartyView {
  return { ...p, idNumber: maskedOrNull(p.idNumber, maskIdNumber), phone: maskedOrNull(p.phone, maskPhone) };
}

/** A party's unmasked ID number and phone, from the audited reveal. */
export interface CasePartyPersonalData {
  caseId: string;
  partyId: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  revealed: ('idNumber' | 'phone')[];
}

export interface CaseRightView {
  id: string;
  numberKind: string | null;
  number: string;
  title: string;
  holder: string;
}

export interface ExtensionView {
  level: string;
  amount: number;
  unit: PeriodUnit;
  reason: string;
  approvedBy: string;
  approvedOn: string;
}

/** A time limit of the case, with the rule that set it ("why is this due on the 14th?"). */
export interface CaseDeadlineView {
  id: string;
  key: string;
  ruleId: string;
  label: Bilingual;
  actor: 'office' | 'party';
  amount: number;
  unit: PeriodUnit;
  from: Bilingual;
  source: { law: string; article: string; confidence: Confidence };
  tolledBy: string[];
  startDate: string;
  dueDate: string | null;
  dueAt: string | null;
  suspendedSince: string | null;
  pausedDays: number;
  extensions: ExtensionView[];
  status: 'open' | 'met' | 'cancelled';
  closedOn: string | null;
  /** Working days from today to the due date (negative when overdue); null when not running. */
  workingDaysLeft: number | null;
  /** Calendar warnings (e.g. CALENDAR_NO_DATA when the due date lies in a year without an official notice). */
  warnings: string[];
}

export interface CasePauseView {
  id: string;
  kind: string;
  fromDate: string;
  toDate: string | null;
  reason: string;
}

export interface CaseDocumentView {
  id: string;
  kind: string;
  docNo: string;
  action: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

/** An action the caller may take now, from the procedure's transition table. */
export interface AvailableAction {
  action: string;
  label: Bilingual;
  to: string | null;
  requires: string[];
  outcomes: string[];
  /** For `suspend`: the tolling kinds allowed; for `extend`: the deadlines that can still be extended. */
  pauseKinds: string[];
  extendable: { deadlineKey: string; level: string; max: number | null; unit: PeriodUnit }[];
}

export interface CaseDetail extends CaseSummary {
  summary: string;
  valueFen: number | null;
  illegalGainsFen: number | null;
  confiscatedFen: number | null;
  decidedOn: string | null;
  /** The 12330 complaint the case was filed from (linked both ways). */
  complaint: { id: string; trackingNo: string } | null;
  officers: CaseOfficerView[];
  parties: CasePartyView[];
  rights: CaseRightView[];
  deadlines: CaseDeadlineView[];
  pauses: CasePauseView[];
  documents: CaseDocumentView[];
  evidenceCount: number;
  /** Whether the caller may work on the case (edit, add evidence and notes) — officers of the handling office, supervisors over its region. */
  canAct: boolean;
  /** Actions the caller may take in the current state (empty when the caller may only read). */
  actions: AvailableAction[];
}

export interface EvidenceView {
  id: string;
  caseId: string;
  kind: string;
  title: string;
  description: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  collectedBy: string;
  collectedAt: string;
  collectedPlace: string;
  uploadedBy: string;
  uploadedByName: string;
  createdAt: string;
}

export interface TimelineEntry {
  at: string;
  kind: 'event' | 'notification';
  /** Audit action (e.g. case.file, case.evidence_added) or notification topic. */
  action: string;
  actor: string | null;
  summary: Bilingual;
  data: Record<string, unknown>;
}
