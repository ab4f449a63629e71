import { getLang, translate } from '../i18n/lang';
import { tokenStore } from './token-store';
import type { FieldError, Problem, Session } from './types';

export const API_BASE = '/api/v1';

/** A failed API call, carrying the RFC 9457 problem so forms can show `errors[].message` beside each field. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  get fieldErrors(): FieldError[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  /**
   * JSON body, or FormData (sent as multipart/form-data, in the order its entries were appended); a function is
   * called at each send (so a retry after a token refresh sees the new refresh token)
   */
  body?: unknown;
  signal?: AbortSignal;
  /** false for the calls that must not carry or refresh a token (login, refresh). Default true. */
  auth?: boolean;
  accept?: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function send(
  method: Method,
  path: string,
  opts: RequestOptions,
  token: string | null,
): Promise<Response> {
  const headers: Record<string, string> = {
    Accept: opts.accept ?? 'application/json, application/problem+json',
    'Accept-Language': getLang(),
  };
  const body: unknown = typeof opts.body === 'function' ? (opts.body as () => unknown)() : opts.body;
  // A FormData body goes as multipart/form-data: fetch sets the Content-Type with its boundary.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
      signal: opts.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: translate('error.network'), status: 0 });
  }
}

async function toProblem(res: Response): Promise<Problem> {
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body: unknown = await res.json();
      if (body && typeof body === 'object' && typeof (body as Problem).title === 'string') {
        const problem = body as Problem;
        return { ...problem, type: problem.type ?? 'about:blank', status: problem.status ?? res.status };
      }
    } catch {
      // fall through to a generic problem
    }
  }
  // A proxy or gateway answered (API down, 502...): no problem+json body.
  const title =
    res.status >= 502 && res.status <= 504
      ? translate('error.network')
      : translate('error.http', { status: res.status });
  return { type: 'about:blank', title, status: res.status };
}

// ---- token refresh -----------------------------------------------------------

let refreshing: Promise<boolean> | null = null;

async function refreshNow(): Promise<boolean> {
  // Read the refresh token only now: another tab may have rotated it while we waited for the lock.
  const refreshToken = tokenStore.getRefresh();
  if (!refreshToken) return false;
  const res = await send('POST', '/auth/refresh', { body: { refreshToken }, auth: false }, null);
  if (!res.ok) return false;
  const session = (await res.json()) as Session;
  tokenStore.set(session);
  return true;
}

/**
 * Exchange the refresh token for a new pair (the server rotates it). Concurrent callers in this tab share one call,
 * and a Web Lock serialises tabs so two tabs never present the same (already rotated) refresh token.
 * Resolves false when the session cannot be refreshed; rejects (ApiError status 0) when the server is unreachable.
 */
export function refreshTokens(): Promise<boolean> {
  if (!refreshing) {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    // lib.dom types request() as Promise<callback's return>, i.e. Promise<Promise<boolean>>; it resolves to the boolean.
    const run = (locks
      ? locks.request('ipe-auth-refresh', () => refreshNow())
      : refreshNow()) as Promise<unknown> as Promise<boolean>;
    const shared = run.finally(() => {
      refreshing = null;
    });
    refreshing = shared;
    return shared;
  }
  return refreshing;
}

/** `fetch` with the bearer token, one refresh-and-retry on 401, and a forced logout when the session is gone. */
export async function authorizedSend(method: Method, path: string, opts: RequestOptions): Promise<Response> {
  if (opts.auth === false) return send(method, path, opts, null);

  let access = tokenStore.getAccess();
  if (!access && tokenStore.getRefresh()) {
    // A new tab: only the shared refresh token is there.
    if (await refreshTokens()) access = tokenStore.getAccess();
  }
  const first = await send(method, path, opts, access);
  if (first.status !== 401) return first;

  // One refresh, then one retry. If a concurrent call already rotated the pair, just use the new access token.
  const latest = tokenStore.getAccess();
  const refreshed = latest !== null && latest !== access ? true : await refreshTokens();
  if (!refreshed) {
    tokenStore.forceLogout();
    return first;
  }
  const retry = await send(method, path, opts, tokenStore.getAccess());
  if (retry.status === 401) tokenStore.forceLogout();
  return retry;
}

async function parseBody<T>(res: Response): Promise<T> {
  if (res.status === 204 || res.headers.get('content-length') === '0') return undefined as T;
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('json')) return (await res.json()) as T;
  return (await res.text()) as T;
}

export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await authorizedSend(method, path, opts);
  if (!res.ok) throw new ApiError(await toProblem(res));
  return parseBody<T>(res);
}

function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'[^']*')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // malformed: try the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/** GET a file with the auth header (a plain link cannot carry it) and hand it to the browser as a download. */
export async function download(
  path: string,
  query: Query | undefined,
  fallbackName: string,
  accept = 'text/csv',
): Promise<string> {
  const res = await authorizedSend('GET', path, { query, accept });
  if (!res.ok) throw new ApiError(await toProblem(res));
  const blob = await res.blob();
  const name = filenameFrom(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string, query?: Query) => request<T>('DELETE', path, { query }),
  download,
};
