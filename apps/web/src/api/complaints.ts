/**
 * 投诉登记: the complaints API (12330 hotline intake) — register a complaint, read one or a page of them (a caller's
 * history by phone), the live duplicate check, the routing suggestion and the complaint vocabularies.
 * Request and response bodies are the generated types of `schema.d.ts` (`npm run gen:api`).
 */
import { http } from './http';
import type { components } from './schema';
import type { Page, PageQuery } from './types';

type Schemas = components['schemas'];

export type ComplaintRequest = Schemas['ComplaintDto'];
export type Complaint = Schemas['ComplaintResponseDto'];
export type ComplaintPage = Page<Complaint>;
export type DuplicateHit = Schemas['DuplicateHitDto'];
export type DuplicateReason = DuplicateHit['reasons'][number];
export type OfficeSuggestion = Schemas['OfficeSuggestionDto'];
export type ComplaintCatalog = Schemas['ComplaintCatalogDto'];
export type AcceptanceRule = ComplaintCatalog['acceptanceRules'][number];
export type ComplaintChannel = ComplaintRequest['channel'];
export type ComplaintCategory = ComplaintRequest['category'];

// —— the complaint list and detail pages (pages/complaints): actions, conversion, merge, callback, notice ——
/** One complaint with the complaints merged into it. */
export type ComplaintDetail = Schemas['ComplaintDetailDto'];
export type MergedComplaint = Schemas['MergedComplaintDto'];
export type ComplaintTransition = Schemas['ComplaintTransitionDto'];
export type ComplaintActionRequest = Schemas['ComplaintActionDto'];
export type ConvertComplaintRequest = Schemas['ConvertComplaintDto'];
export type MergeComplaintsRequest = Schemas['MergeComplaintsDto'];
export type CallbackRequest = Schemas['CallbackDto'];
export type ComplaintNoticeRequest = Schemas['ComplaintNoticeDto'];
/** The complainant's phone, ID number and e-mail in full (views mask them). */
export type ComplainantPersonalData = Schemas['ComplainantPersonalDataDto'];

export interface ComplaintListQuery extends PageQuery {
  state?: string;
  category?: string;
  /** the caller's phone, exactly as recorded: their history */
  phone?: string;
  /** `pending`: closed, reachable, not yet called back */
  callback?: 'pending';
  /** `pending`: the complainant is still to be told the outcome */
  notice?: 'pending';
}

/** What is typed so far; the server looks for the same credit code, right number or phone within 90 days. */
export interface DuplicateQuery {
  respondentUscc?: string;
  rightNumber?: string;
  phone?: string;
  /** compared by trigram similarity (3 characters or more) */
  respondentName?: string;
  /** leave this complaint out (when checking one that is already saved) */
  excludeId?: string;
}

const seg = encodeURIComponent;

let catalogPromise: Promise<ComplaintCatalog> | null = null;

export const complaintsApi = {
  list: (query: ComplaintListQuery, signal?: AbortSignal) =>
    http.get<ComplaintPage>('/complaints', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<Complaint>(`/complaints/${seg(id)}`, undefined, signal),
  /** Records a complaint; the answer carries the tracking number to read out to the caller. */
  register: (body: ComplaintRequest) => http.post<Complaint>('/complaints', body),
  duplicates: (query: DuplicateQuery, signal?: AbortSignal) =>
    http.get<DuplicateHit[]>('/complaints/duplicates', { ...query }, signal),
  /** The competent office for an IP type and region; `{ id: null }` when there is none. */
  suggestedOffice: (query: { ipType?: string; regionCode?: string }, signal?: AbortSignal) =>
    http.get<OfficeSuggestion>('/complaints/suggested-office', { ...query }, signal),
  /** Channels, categories, states, refusal grounds, transitions, acceptance rules: fetched once per page load. */
  catalog: (): Promise<ComplaintCatalog> => {
    if (!catalogPromise) {
      catalogPromise = http.get<ComplaintCatalog>('/complaints/catalog').catch((error: unknown) => {
        catalogPromise = null; // try again on the next call
        throw error;
      });
    }
    return catalogPromise;
  },
  // Each command sends the `version` it read: 409 STALE_VERSION when the complaint changed since, 409
  // INVALID_TRANSITION when the step no longer fits its state. Each answers with the fresh detail.
  /** GET /complaints/:id typed as the detail (with the complaints merged into it). */
  detail: (id: string, signal?: AbortSignal) =>
    http.get<ComplaintDetail>(`/complaints/${seg(id)}`, undefined, signal),
  /** triage, accept, refuse, answer or close (the catalog's non-dedicated transitions). */
  act: (id: string, action: string, body: ComplaintActionRequest) =>
    http.post<ComplaintDetail>(`/complaints/${seg(id)}/actions/${seg(action)}`, body),
  /** 转立案: the answer carries `caseId` and `caseNumber`. */
  convert: (id: string, body: ConvertComplaintRequest) =>
    http.post<ComplaintDetail>(`/complaints/${seg(id)}/convert`, body),
  /** `id` is the complaint kept; the duplicates become `merged` into it. */
  merge: (id: string, body: MergeComplaintsRequest) =>
    http.post<ComplaintDetail>(`/complaints/${seg(id)}/merge`, body),
  /** 回访 of a closed complaint. */
  callback: (id: string, body: CallbackRequest) =>
    http.post<ComplaintDetail>(`/complaints/${seg(id)}/callback`, body),
  /**
   * 显示: the complainant's phone, ID number and e-mail in full — operators in scope and officers of the handling
   * office only (403 otherwise); each call is recorded in the audit log.
   */
  personalData: (id: string, signal?: AbortSignal) =>
    http.get<ComplainantPersonalData>(`/complaints/${seg(id)}/personal-data`, undefined, signal),
  /** The complainant was told the outcome by hand. */
  notice: (id: string, body: ComplaintNoticeRequest) =>
    http.post<ComplaintDetail>(`/complaints/${seg(id)}/notice`, body),
};

/**
 * The acceptance rule a complaint will get: the first whose conditions all hold (the server's `acceptanceRuleFor`,
 * over the same table from the catalog).
 */
export function acceptanceRuleFor(
  rules: readonly AcceptanceRule[],
  c: { category?: string; ipType?: string | null; channel?: string },
): AcceptanceRule | undefined {
  return rules.find(
    (r) =>
      (!r.categories || (!!c.category && r.categories.includes(c.category))) &&
      (!r.ipTypes || (!!c.ipType && r.ipTypes.includes(c.ipType))) &&
      (!r.channels || (!!c.channel && r.channels.includes(c.channel))),
  );
}
