import type { Bilingual } from '@app/contracts';
import type { ListingAction, ListingState, ListingSubjectKind } from '@app/domain';

export interface ListingOfficeRef {
  id: string;
  name: string;
  regionCode: string;
}

/** A listing as the office sees it (the subject unmasked). */
export interface ListingSummary {
  id: string;
  listingNo: string;
  state: ListingState;
  stateLabel: Bilingual;
  ground: string;
  groundLabel: Bilingual;
  regime: string;
  subject: {
    kind: ListingSubjectKind;
    name: string;
    uscc: string | null;
    idNumber: string | null;
  };
  caseId: string | null;
  decisionNo: string;
  decisionDate: string;
  office: ListingOfficeRef;
  regionCode: string;
  ipType: string | null;
  proposedAt: string;
  defenceDueAt: string | null;
  publishFrom: string | null;
  publishUntil: string | null;
  version: number;
}

export interface ListingEventView {
  action: string;
  fromState: string | null;
  toState: string;
  actorName: string | null;
  reason: string | null;
  at: string;
}

export interface ListingAttachmentView {
  id: string;
  kind: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  repairId: string | null;
  createdAt: string;
}

export interface RepairView {
  id: string;
  state: 'pending' | 'approved' | 'refused';
  applicant: string;
  conditions: string[];
  explanation: string;
  submittedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface AvailableListingAction {
  action: ListingAction;
  label: Bilingual;
  requires: string[];
}

export interface ListingDetail extends ListingSummary {
  legalBasis: string;
  facts: string;
  proposedBy: { id: string; displayName: string };
  noticeMethod: string | null;
  noticeServedOn: string | null;
  statement: string | null;
  statementAt: string | null;
  reviewedBy: { id: string; displayName: string } | null;
  reviewReason: string | null;
  /** When a repair application may be made (the regime's minimum time listed). */
  repairFrom: string | null;
  removedAt: string | null;
  removalReason: string | null;
  events: ListingEventView[];
  attachments: ListingAttachmentView[];
  repairs: RepairView[];
  actions: AvailableListingAction[];
}

/** What the public registry shows (domain.md §2E): enterprise names and codes, individuals masked. */
export interface PublicListing {
  listingNo: string;
  subjectKind: ListingSubjectKind;
  subjectName: string;
  /** Unified social credit code (enterprises only). */
  subjectUscc: string | null;
  /** Masked resident ID (individuals only). */
  subjectIdMasked: string | null;
  ground: string;
  groundLabel: Bilingual;
  /** The legal basis as written, with anything that looks like an ID or phone number masked. */
  legalBasis: string;
  decisionNo: string;
  decisionDate: string;
  authority: string;
  regionCode: string;
  /** The region's name (e.g. 西湖区), when known. */
  regionName: string | null;
  ipType: string | null;
  publishFrom: string;
  publishUntil: string;
}

export interface FeedItem {
  cursor: string;
  change: 'listed' | 'removed';
  reason: 'expired' | 'repaired' | 'revoked' | null;
  at: string;
  listing: PublicListing;
}
