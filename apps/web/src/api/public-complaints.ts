/**
 * The public 12330 pages' API (no sign-in): submit the complaint form with an Idempotency-Key, track a complaint by
 * its number and the phone's last four digits, look regions up. Sent without a token even when staff are signed in
 * in the same browser. The staff complaint API is `complaintsApi` in ./complaints.ts.
 */
import { getLang, translate } from '../i18n/lang';
import { ApiError, buildUrl } from './http';
import type { components } from './schema';
import type { Problem, Region } from './types';

type Schemas = components['schemas'];
const seg = encodeURIComponent;

export type PublicComplaintRequest = Schemas['PublicComplaintDto'];
/** What the public tracking page shows: state, office, answer, the case or the complaint it joined; no personal data. */
export type PublicComplaint = Schemas['PublicComplaintResponseDto'];

// ---- public (no login) ---------------------------------------------------------------------------------------

/** A submit's answer: `replayed` when the server had already taken this form fill (200 instead of 201). */
export interface SubmitResult {
  complaint: PublicComplaint;
  replayed: boolean;
}

/** A key of 8–100 [A-Za-z0-9._:-]; `crypto.randomUUID` exists only on https / localhost, so fall back. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  c.getRandomValues(bytes);
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A public call: no token even when a staff member is signed in in this browser. On failure the problem carries
 * `retryAfterSeconds` when the server said how long to wait (429).
 */
async function publicSend<T>(
  method: 'GET' | 'POST',
  path: string,
  opts: { query?: Record<string, string | undefined>; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': getLang(),
        ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'omit',
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: translate('error.network'), status: 0 });
  }
  const json: unknown = (res.headers.get('content-type') ?? '').includes('json')
    ? await res.json().catch(() => undefined)
    : undefined;
  if (res.ok) return { status: res.status, body: json as T };
  const problem: Problem =
    json && typeof json === 'object' && typeof (json as Problem).title === 'string'
      ? { ...(json as Problem), status: (json as Problem).status ?? res.status }
      : {
          type: 'about:blank',
          title:
            res.status >= 502 && res.status <= 504
              ? translate('error.network')
              : translate('error.http', { status: res.status }),
          status: res.status,
        };
  // @nestjs/throttler names the header after the throttler ('public'); plain Retry-After as well, to be safe.
  const retry = Number(res.headers.get('retry-after-public') ?? res.headers.get('retry-after'));
  if (Number.isFinite(retry) && retry > 0) problem.retryAfterSeconds = Math.ceil(retry);
  throw new ApiError(problem);
}

export const publicComplaintsApi = {
  /**
   * Sends the form. Keep `idempotencyKey` for every retry of the same form fill: the server then makes one
   * complaint however often it arrives (201 new, 200 replay; 409 when the key was used with another body).
   */
  submit: async (body: PublicComplaintRequest, idempotencyKey: string): Promise<SubmitResult> => {
    const res = await publicSend<PublicComplaint>('POST', '/public/complaints', {
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    });
    return { complaint: res.body, replayed: res.status === 200 };
  },
  /** 404 with one message for a wrong number and wrong digits alike. */
  track: async (trackingNo: string, phoneLast4: string): Promise<PublicComplaint> =>
    (
      await publicSend<PublicComplaint>('GET', `/public/complaints/${seg(trackingNo)}`, {
        query: { phoneLast4 },
      })
    ).body,
  /** Regions by name (`q`), or the children of `parent` (provinces without). */
  regions: async (query: { q?: string; parent?: string }): Promise<Region[]> =>
    (await publicSend<Region[]>('GET', '/public/regions', { query })).body,
};
