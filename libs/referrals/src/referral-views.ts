import type { Bilingual } from '@app/contracts';
import type { ReferralAction, ReferralClock, ReferralKind, ReferralState } from '@app/domain';

export interface OfficeRef {
  id: string;
  name: string;
  regionCode: string;
}

/** The case a referral is about: ours (id set), or a partner system's (external, id null). */
export interface ReferralCaseRef {
  id: string | null;
  caseNo: string | null;
  title: string;
  ipType: string | null;
  regionCode: string | null;
  status: string | null;
  /** Set when the case came in from a partner system. */
  external?: Record<string, unknown>;
}

/** The complaint a referral is about (a complaint referral; `case` then describes it too, without a case number). */
export interface ReferralComplaintRef {
  id: string;
  trackingNo: string;
  category: string;
  state: string;
}

export interface ReferralSummary {
  id: string;
  referralNo: string;
  kind: ReferralKind;
  kindLabel: Bilingual;
  state: ReferralState;
  stateLabel: Bilingual;
  open: boolean;
  groupId: string | null;
  from: OfficeRef;
  to: OfficeRef;
  case: ReferralCaseRef;
  complaint: ReferralComplaintRef | null;
  reason: string;
  clock: ReferralClock | null;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ReferralEventView {
  action: string;
  fromState: string | null;
  toState: string;
  actorName: string | null;
  officeName: string | null;
  reason: string | null;
  documentDate: string | null;
  at: string;
}

export interface AvailableReferralAction {
  action: ReferralAction;
  label: Bilingual;
  to: ReferralState;
  requires: string[];
}

export interface ReferralDetail extends ReferralSummary {
  legalBasis: string | null;
  request: string | null;
  targetRegionCode: string | null;
  requesterToldAt: string | null;
  team: { id: string; displayName: string }[];
  caseSummary: string | null;
  suspicionBasis: string | null;
  valueInvolvedFen: number | null;
  caseHandling: 'suspend' | 'continue' | null;
  approvedAt: string | null;
  sentAt: string | null;
  answer: string | null;
  superiorRegionCode: string | null;
  designatedOffice: OfficeRef | null;
  ruleId: string | null;
  evidence: { id: string; title: string; kind: string; sha256: string }[];
  /** Other participants of the same joint action. */
  group: { id: string; referralNo: string; to: OfficeRef; state: ReferralState }[];
  events: ReferralEventView[];
  partner: { id: string; name: string; externalId: string | null } | null;
  /** What the reader may do now (empty when nothing). */
  actions: AvailableReferralAction[];
}

/** Where a case has been handled: its offices in order, with the numbers it had there. */
export interface CaseTravel {
  caseId: string;
  stops: {
    office: OfficeRef;
    regionCode: string;
    caseNo: string | null;
    from: string | null;
    how: 'registered' | 'accepted' | 'designated';
    referralId: string | null;
  }[];
}

/** Offices that may have jurisdiction over a case, and the rule that says so. */
export interface JurisdictionSuggestions {
  rule: { id: string; source: string; confidence: string } | null;
  offices: {
    office: OfficeRef;
    /** The region the basis points to (its competent office is `office`). */
    regionCode: string;
    regionName: string | null;
    bases: { code: string; zh: string; en: string }[];
    /** The case's handling office. */
    current: boolean;
  }[];
}
