/**
 * 信用公示: credit listings and decision publications. Staff (officer, supervisor, admin) work through the queues —
 * proposal, notice and the statement-and-defence window (with the statement's papers), review by a head who did
 * not propose it, publication, removal, credit repair (with its materials); and publish the decided cases'
 * summaries (案件信息公示). Every step sends the `version` it read (409 STALE_VERSION when the record changed since).
 * The public registry, its change feed and the published decisions need no sign-in and are sent without a token.
 */
import { getLang, translate } from '../i18n/lang';
import { ApiError, buildUrl, http } from './http';
import type {
  CreditCatalog,
  CreditFeedPage,
  ListingActionRequest,
  ListingAttachment,
  ListingDetail,
  ListingPaperKind,
  ListingListQuery,
  ListingPage,
  Problem,
  ProposeListingRequest,
  PublicDecisionPage,
  PublicDecisionQuery,
  Publication,
  PublicationActionRequest,
  PublicationPage,
  PublicationQuery,
  RegistryPage,
  RegistryQuery,
  RepairApplicationRequest,
} from './types';

const seg = encodeURIComponent;

let catalogPromise: Promise<CreditCatalog> | null = null;

export const creditApi = {
  /** Grounds, regimes, states, actions, the step table and the repair rules. Static: fetched once and shared. */
  catalog: (): Promise<CreditCatalog> => {
    if (!catalogPromise) {
      catalogPromise = http.get<CreditCatalog>('/credit/catalog').catch((error: unknown) => {
        catalogPromise = null; // try again on the next call
        throw error;
      });
    }
    return catalogPromise;
  },
  /** The listings of one work queue (of the reader's office, or a supervisor's region), with every queue's count. */
  list: (query: ListingListQuery, signal?: AbortSignal) =>
    http.get<ListingPage>('/credit/listings', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) =>
    http.get<ListingDetail>(`/credit/listings/${seg(id)}`, undefined, signal),
  /** A proposal by hand, with the ground and its legal basis (400 per bad field, 409 LISTING_EXISTS). */
  propose: (body: ProposeListingRequest) => http.post<ListingDetail>('/credit/listings', body),
  /** A step of the listing (one of the detail's `actions`); answers with the fresh listing. */
  act: (id: string, action: string, body: ListingActionRequest) =>
    http.post<ListingDetail>(`/credit/listings/${seg(id)}/actions/${seg(action)}`, body),
  /**
   * Records a credit-repair application of a published listing (every condition declared met); a head then
   * approves or refuses it. 409 REPAIR_TOO_EARLY before the listing's `repairFrom`.
   */
  applyRepair: (id: string, body: RepairApplicationRequest) =>
    http.post<ListingDetail>(`/credit/listings/${seg(id)}/repairs`, body),
  /**
   * Adds a paper to the listing: `kind` first, the file last (the server checks the kind and the listing's state
   * before it reads a byte). 409 when the listing takes no paper of that kind now; 400 on the file's type or name.
   */
  attach: (id: string, kind: ListingPaperKind, file: File) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    return http.post<ListingAttachment>(`/credit/listings/${seg(id)}/attachments`, form);
  },
  /** Downloads a paper (with the token, which a plain link cannot carry). */
  downloadAttachment: (id: string, attachment: Pick<ListingAttachment, 'id' | 'fileName'>) =>
    http.download(
      `/credit/listings/${seg(id)}/attachments/${seg(attachment.id)}/content`,
      undefined,
      attachment.fileName,
      '*/*',
    ),

  /** The decisions to publish or published by the reader's offices (a supervisor: the region's), most urgent first. */
  publications: (query: PublicationQuery, signal?: AbortSignal) =>
    http.get<PublicationPage>('/credit/publications', { ...query }, signal),
  publication: (id: string, signal?: AbortSignal) =>
    http.get<Publication>(`/credit/publications/${seg(id)}`, undefined, signal),
  /** publish, withdraw (a reason), stop early (a head, a reason); answers with the fresh publication. */
  actOnPublication: (id: string, action: string, body: PublicationActionRequest) =>
    http.post<Publication>(`/credit/publications/${seg(id)}/actions/${seg(action)}`, body),
};

/**
 * A public GET: no token even when staff are signed in in this browser, and revalidated every time (the server
 * lets caches keep an answer for a minute, but someone searching the registry wants it as it is now — an
 * unchanged answer costs a 304).
 */
async function publicGet<T>(path: string, query: Record<string, string | number | undefined>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      headers: { Accept: 'application/json, application/problem+json', 'Accept-Language': getLang() },
      credentials: 'omit',
      cache: 'no-cache',
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: translate('error.network'), status: 0 });
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (res.ok) return body as T;
  const problem = body as Problem | undefined;
  throw new ApiError(
    typeof problem?.title === 'string'
      ? { ...problem, status: problem.status ?? res.status }
      : { type: 'about:blank', title: translate('error.http', { status: res.status }), status: res.status },
  );
}

const REGISTRY = '/public/credit-listings';

export const publicCreditApi = {
  /** The listings published now, newest first. 400 with field errors for a short name or a bad code. */
  search: (query: RegistryQuery) => publicGet<RegistryPage>(REGISTRY, { ...query }),
  /**
   * The address of the same search as a CSV file (a plain link: it needs no token). The file holds the same page
   * as the JSON answer (at most 200 rows a page).
   */
  csvUrl: (query: RegistryQuery) => buildUrl(REGISTRY, { ...query, format: 'csv' }),
  /** Changes since `cursor` (listed, removed), oldest first; pass `nextCursor` back for the next page. */
  feed: (cursor?: string, limit?: number) => publicGet<CreditFeedPage>(`${REGISTRY}/feed`, { cursor, limit }),
};

export const publicDecisionsApi = {
  /**
   * The decisions published now, newest first, by decision number or part of an enterprise's name, region (and
   * below) and IP type. 400 with field errors for a short search or a bad code.
   */
  search: (query: PublicDecisionQuery) => publicGet<PublicDecisionPage>('/public/decisions', { ...query }),
};
