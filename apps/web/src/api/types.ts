/**
 * API types for /api/v1. Request and response bodies come from `schema.d.ts`, generated from the server's OpenAPI
 * document (`npm run gen:api`; a test fails when it is stale), so the UI and the API cannot drift apart. Query
 * strings and the problem shape are written here.
 */
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type Role = 'operator' | 'officer' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['operator', 'officer', 'supervisor', 'admin'];

export type Competence = 'patent' | 'trademark' | 'copyright' | 'plant_variety' | 'public_security';
export const COMPETENCES: readonly Competence[] = [
  'patent',
  'trademark',
  'copyright',
  'plant_variety',
  'public_security',
];

export type RegionLevel = 'province' | 'city' | 'county';

/** RFC 9457 problem details. `title` is in the language of the request's `Accept-Language`. */
export interface FieldError {
  field: string;
  message: string;
}
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

// ---- auth ----------------------------------------------------------------

export type Me = Schemas['MeResponseDto'];

export type LoginRequest = Schemas['LoginDto'];
export type RefreshRequest = Schemas['RefreshDto'];
export type Session = Schemas['SessionResponseDto'];

// ---- regions & offices -----------------------------------------------------

export type Region = Schemas['RegionResponseDto'];
/** One region with its full name (浙江省杭州市西湖区) and path. */
export type RegionDetail = Schemas['RegionDetailResponseDto'];

export type Office = Schemas['OfficeResponseDto'];

export interface OfficeQuery extends PageQuery {
  /** offices located exactly at this region */
  regionCode?: string;
  /** offices anywhere in this region's subtree */
  within?: string;
  competence?: Competence;
  /** part of the name or short name */
  q?: string;
}
export type CreateOfficeRequest = Schemas['CreateOfficeDto'];
export type UpdateOfficeRequest = Schemas['UpdateOfficeDto'];

// ---- users -----------------------------------------------------------------

export type User = Schemas['UserResponseDto'];

export interface UserQuery extends PageQuery {
  q?: string;
  officeId?: string;
  role?: Role;
}
export type CreateUserRequest = Schemas['CreateUserDto'];
export type UpdateUserRequest = Schemas['UpdateUserDto'];

// ---- audit -----------------------------------------------------------------

export type AuditEvent = Schemas['AuditEventResponseDto'];

export interface AuditFilter {
  actor?: string;
  stream?: string;
  action?: string;
  /** YYYY-MM-DD (whole day in Asia/Shanghai) or an ISO 8601 instant; inclusive */
  from?: string;
  /** YYYY-MM-DD (inclusive, whole day in Asia/Shanghai) or an ISO 8601 instant (exclusive) */
  to?: string;
}
export interface AuditQuery extends AuditFilter, PageQuery {}

// ---- working calendar ------------------------------------------------------

export type CalendarDayKind = 'holiday' | 'workday';

export type CalendarDay = Schemas['CalendarDayResponseDto'];

export type CalendarYear = Schemas['CalendarYearResponseDto'];

export type PutCalendarDayRequest = Schemas['SetCalendarDayDto'];

// ---- cases -----------------------------------------------------------------

export type CaseSummary = Schemas['CaseSummaryDto'];
export type CasePage = Schemas['CasePageDto'];
export type CaseDetail = Schemas['CaseDetailDto'];
export type CaseOfficer = Schemas['CaseOfficerDto'];
export type CaseParty = Schemas['CasePartyDto'];
/** A party's ID number and phone in full (views mask them), from the audited reveal. */
export type CasePartyPersonalData = Schemas['CasePartyPersonalDataDto'];
export type CaseRight = Schemas['CaseRightDto'];
export type CaseDeadline = Schemas['CaseDeadlineDto'];
export type CasePause = Schemas['CasePauseDto'];
export type CaseDocument = Schemas['CaseDocumentDto'];
export type AvailableAction = Schemas['AvailableActionDto'];
export type Extendable = Schemas['ExtendableDto'];
export type Bilingual = Schemas['BilingualDto'];
export type PeriodUnit = CaseDeadline['unit'];
export type Evidence = Schemas['EvidenceDto'];
export type EvidenceVerify = Schemas['EvidenceVerifyDto'];
export type TimelineEntry = Schemas['TimelineEntryDto'];
export type WorkflowCatalog = Schemas['WorkflowCatalogDto'];
export type Workflow = Schemas['WorkflowDto'];
export type CodeLabel = Schemas['CodeLabelDto'];
export type ProcedureSummary = Schemas['ProcedureSummaryDto'];
export type EvidenceRules = Schemas['EvidenceRulesDto'];
export type AssignableOfficer = Schemas['AssignableOfficerDto'];

export type CreateCaseRequest = Schemas['CreateCaseDto'];
export type PartyInput = Schemas['PartyDto'];
export type RightInput = Schemas['RightDto'];
export type CaseActionRequest = Schemas['CaseActionDto'];
export type SetOfficersRequest = Schemas['SetOfficersDto'];
export type AddPartyRequest = Schemas['AddPartyDto'];
export type AddRightRequest = Schemas['AddRightDto'];

export type CaseSort = 'received_desc' | 'received_asc' | 'due_asc' | 'updated_desc';
export const CASE_SORTS: readonly CaseSort[] = ['received_desc', 'received_asc', 'due_asc', 'updated_desc'];

export interface CaseListQuery extends PageQuery {
  ipType?: string;
  procedure?: string;
  /** sent comma-separated */
  status?: string[];
  officeId?: string;
  regionCode?: string;
  officerId?: string;
  mine?: boolean;
  /** true: an office deadline has passed; false: none has (sent as given; omit for either) */
  overdue?: boolean;
  /** an office deadline falls within this many working days (with `overdue: false`: due soon, not overdue) */
  dueWithinDays?: number;
  /** YYYY-MM-DD, inclusive */
  receivedFrom?: string;
  receivedTo?: string;
  source?: string;
  /** YYYY-MM-DD, inclusive: filed (立案) / closed (结案) within — the statistics' drill-down */
  filedFrom?: string;
  filedTo?: string;
  closedFrom?: string;
  closedTo?: string;
  /** case number, title, party name, credit code or right number */
  q?: string;
  major?: boolean;
  sort?: CaseSort;
}

/** Evidence metadata of an upload; sent as multipart fields before the file part. */
export interface EvidenceUpload {
  kind: string;
  title: string;
  description?: string;
  collectedBy: string;
  /** ISO 8601 instant */
  collectedAt: string;
  collectedPlace?: string;
}

// ---- referrals (移送协作) and supervision (督办) ------------------------------

export type ReferralSummary = Schemas['ReferralSummaryDto'];
export type ReferralPage = Schemas['ReferralPageDto'];
export type ReferralCounts = Schemas['ReferralCountsDto'];
export type ReferralDetail = Schemas['ReferralDetailDto'];
export type ReferralEvent = Schemas['ReferralEventDto'];
export type ReferralEvidence = Schemas['ReferralEvidenceDto'];
export type AvailableReferralAction = Schemas['AvailableReferralActionDto'];
export type ReferralActionRequest = Schemas['ReferralActionDto'];
export type CreateReferralRequest = Schemas['CreateReferralDto'];
export type ReferralKind = ReferralSummary['kind'];
export type ReferralState = ReferralSummary['state'];
export type OfficeRef = Schemas['OfficeRefDto'];
export type CaseTravel = Schemas['CaseTravelDto'];
export type JurisdictionSuggestions = Schemas['JurisdictionSuggestionsDto'];
export type SuggestedOffice = Schemas['SuggestedOfficeDto'];
export type TravelStop = Schemas['TravelStopDto'];
/** The complaint of a complaint referral (its `case` then carries only the title, ip type and region). */
export type ReferralComplaintRef = Schemas['ReferralComplaintRefDto'];
/** A complaint is referred by a jurisdiction transfer or an assistance request; the other kinds need a case. */
export type ComplaintReferralKind = Extract<ReferralKind, 'jurisdiction' | 'assistance'>;
/** The complaint states each kind may be referred from (the server's rule: a transfer only before the decision). */
export const COMPLAINT_REFERRAL_STATES: Readonly<Record<ComplaintReferralKind, readonly string[]>> = {
  jurisdiction: ['received', 'triaged'],
  assistance: ['received', 'triaged', 'accepted'],
};

export type Supervision = Schemas['SupervisionViewDto'];
export type SupervisionReport = Schemas['SupervisionReportViewDto'];
export type StartSupervisionRequest = Schemas['StartSupervisionDto'];
export type SupervisionReportRequest = Schemas['SupervisionReportDto'];
export type EndSupervisionRequest = Schemas['EndSupervisionDto'];

export type ReferralDirection = 'incoming' | 'outgoing';
export const REFERRAL_DIRECTIONS: readonly ReferralDirection[] = ['incoming', 'outgoing'];

export interface ReferralListQuery extends PageQuery {
  /** the reader's office receives (default) or sent them; a supervisor: every office of the region */
  direction?: ReferralDirection;
  state?: 'open' | 'closed';
  kind?: string;
}

/** GET /referrals/catalog: kinds, states, actions, clocks, the transition table and the time limits. */
export type ReferralCatalog = Schemas['ReferralCatalogDto'];

// ---- credit listings (信用公示) -------------------------------------------------

export type ListingSummary = Schemas['ListingSummaryDto'];
export type ListingCounts = Schemas['ListingCountsDto'];
export type ListingPage = Schemas['ListingPageDto'];
export type ListingState = ListingSummary['state'];
export type ListingGround = ListingSummary['ground'];
export type ListingSubjectKind = ListingSummary['subject']['kind'];
export type ListingEvent = Schemas['ListingEventDto'];
export type ListingRepair = Schemas['RepairDto'];
export type ListingAttachment = Schemas['ListingAttachmentDto'];
export type ListingActionRequest = Schemas['ListingActionDto'];
export type ProposeListingRequest = Schemas['ProposeListingDto'];
export type RepairApplicationRequest = Schemas['RepairApplicationDto'];
export type RepairCondition = RepairApplicationRequest['conditions'][number];
export type NoticeMethod = NonNullable<ListingActionRequest['noticeMethod']>;

/** A step the reader may take now, with what it asks for (the `requires` of the transition table). */
export type AvailableListingAction = Schemas['AvailableListingActionDto'];
export type ListingAction = AvailableListingAction['action'];
export type ListingRequirement = AvailableListingAction['requires'][number];
export type ListingDetail = Schemas['ListingDetailDto'];

/**
 * The papers of a listing (`kind` of an upload): the statement's, while the defence window runs or once the
 * statement is recorded; the four materials of a pending credit-repair application (the catalog's
 * `repairMaterials`), all of which a head needs before approving it.
 */
export type StatementPaperKind = 'statement';
export type RepairMaterialKind = 'application' | 'identity' | 'pledge' | 'compliance';
export type ListingPaperKind = StatementPaperKind | RepairMaterialKind;

/** The work queues of the 信用公示 page, in the order of the lifecycle. */
export type ListingQueue = 'proposals' | 'defence' | 'review' | 'published' | 'expiring' | 'closed';
export const LISTING_QUEUES: readonly ListingQueue[] = [
  'proposals',
  'defence',
  'review',
  'published',
  'expiring',
  'closed',
];

export interface ListingListQuery extends PageQuery {
  queue?: ListingQueue;
  state?: ListingState;
  /** part of the subject's name, a credit code or a listing number */
  q?: string;
}

/** Where a rule comes from, and how sure we are of it (V verified, S secondary, U unverified). */
export type CreditRuleSource = Schemas['RuleSourceDto'];

/**
 * GET /credit/catalog: grounds with their regime, source and whether a closed case proposes them automatically;
 * regimes with their periods; states, actions (with `apply_repair`, which the history shows), the transition
 * table, the defence window, the repair conditions and materials, the notice methods and the subject kinds.
 */
export type CreditCatalog = Schemas['CreditCatalogDto'];

/** What the public registry shows of a listing: an individual's surname and masked ID only. */
export type PublicListing = Schemas['PublicListingDto'];
export type RegistryPage = Schemas['RegistryPageDto'];
export type CreditFeedItem = Schemas['FeedItemDto'];
export type CreditFeedPage = Schemas['FeedPageDto'];

export interface RegistryQuery extends PageQuery {
  /** part of an enterprise's name (2–100 characters) */
  q?: string;
  /** a unified social credit code */
  uscc?: string;
  /** a region code: its listings and those below it */
  region?: string;
  ipType?: string;
}

// ---- decision publications (案件信息公示) --------------------------------------

/** A decided case's publication as its office sees it: the redacted summary, the deadline, the period. */
export type Publication = Schemas['PublicationDto'];
export type PublicationPage = Schemas['PublicationPageDto'];
export type PublicationState = Publication['state'];
/** A step the reader may take now (publish; withdraw, stop — these with a reason). */
export type PublicationActionOption = Schemas['PublicationActionOptionDto'];
export type PublicationActionRequest = Schemas['PublicationActionDto'];
export type PublicationQuery = NonNullable<
  operations['CreditController_publicationsList']['parameters']['query']
>;

/** The states of the 决定公示 tabs: the work first (to publish, published), then the ended ones. */
export const PUBLICATION_STATES: readonly PublicationState[] = [
  'pending',
  'published',
  'expired',
  'withdrawn',
  'stopped',
];

/** What the public sees of a decision now published. */
export type PublicDecision = Schemas['PublicDecisionDto'];
export type PublicDecisionPage = Schemas['PublicDecisionPageDto'];
export type PublicDecisionQuery = NonNullable<
  operations['PublicDecisionsController_search']['parameters']['query']
>;
