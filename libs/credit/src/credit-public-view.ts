import {
  LISTING_GROUNDS,
  maskPersonName,
  scrubPersonalData,
  type ListingRegime,
  type ListingState,
  type ListingSubjectKind,
} from '@app/domain';
import type { PublicListing } from './credit-views';

/** A credit_listings row read with its office (dates as 'YYYY-MM-DD' text). */
export interface ListingRow {
  id: string;
  listing_no: string;
  state: ListingState;
  ground: string;
  regime: ListingRegime;
  legal_basis: string;
  facts: string;
  case_id: string | null;
  decision_no: string;
  decision_date: string;
  office_id: string;
  office_name: string;
  office_region: string;
  region_code: string;
  /** Joined from regions where the query reads it. */
  region_name?: string | null;
  ip_type: string | null;
  subject_kind: ListingSubjectKind;
  subject_name: string;
  subject_uscc: string | null;
  subject_id_number: string | null;
  subject_id_masked: string | null;
  proposed_by: string;
  proposed_by_name: string;
  proposed_at: Date;
  notice_method: string | null;
  notice_served_on: string | null;
  defence_due_at: Date | null;
  statement: string | null;
  statement_at: Date | null;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  review_reason: string | null;
  publish_from: string | null;
  publish_until: string | null;
  removed_at: Date | null;
  removal_reason: string | null;
  version: number;
}

/**
 * What the public may see of a listing (domain.md §2E): an enterprise's name and credit code; an individual's
 * surname and masked ID — never the full ID, a phone or an address; the ground, the legal basis (scrubbed), the
 * decision, the authority and the period. The facts an officer wrote stay internal.
 */
export function publicListingOf(l: ListingRow): PublicListing {
  const g = LISTING_GROUNDS.find((x) => x.code === l.ground);
  const person = l.subject_kind === 'individual';
  return {
    listingNo: l.listing_no,
    subjectKind: l.subject_kind,
    subjectName: person ? maskPersonName(l.subject_name) : l.subject_name,
    subjectUscc: person ? null : l.subject_uscc,
    subjectIdMasked: person ? l.subject_id_masked : null,
    ground: l.ground,
    groundLabel: { zh: g?.zh ?? l.ground, en: g?.en ?? l.ground },
    legalBasis: scrubPersonalData(l.legal_basis),
    decisionNo: l.decision_no,
    decisionDate: l.decision_date,
    authority: l.office_name,
    regionCode: l.region_code,
    regionName: l.region_name ?? null,
    ipType: l.ip_type,
    publishFrom: l.publish_from ?? '',
    publishUntil: l.publish_until ?? '',
  };
}
