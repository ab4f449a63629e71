/**
 * 信用公示: credit listings. Staff (officer, supervisor, admin) work through the queues — proposal, notice and the
 * statement-and-defence window, review by a head who did not propose it, publication, removal; every step sends
 * the `version` it read (409 STALE_VERSION when the listing changed since). The public registry and its change
 * feed need no sign-in and are sent without a token.
 */
import { getLang, translate } from '../i18n/lang';
import { ApiError, buildUrl, http } from './http';
import type {
  CreditCatalog,
  CreditFeedPage,
  ListingActionRequest,
  ListingDetail,
  ListingListQuery,
  ListingPage,
  Problem,
  ProposeListingRequest,
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
