import type { Bilingual, TopicName } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { signWebhook } from './webhook-signature';
import { WebhookSettings } from './webhook.settings';

/** The JSON body of every webhook POST. */
export interface WebhookEvent {
  /** The delivery id (also the `idempotency-key` header): the same for every retry of one delivery. */
  id: string;
  topic: TopicName;
  /** ISO 8601: when the event happened (the outbox row was written), not when this attempt was made. */
  occurredAt: string;
  data: {
    title: Bilingual;
    body: Bilingual;
    /** Path in the web app, e.g. `/cases/123`. */
    link: string | null;
    data: Record<string, unknown>;
  };
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** What one POST came to. */
export interface WebhookPostResult {
  ok: boolean;
  /** HTTP status; null when no response arrived (timeout, connection refused, not HTTP). */
  status: number | null;
  durationMs: number;
  /** Why it failed (status and the start of the response body, or the network error). */
  error?: string;
  /** True when retrying cannot help (4xx other than 408/429, permanent redirects). */
  permanent: boolean;
}

export const WEBHOOK_USER_AGENT = 'ipe-webhooks/1';
const SNIPPET_CHARS = 500;

/**
 * Sends one signed webhook POST with Node's fetch and classifies the outcome. Never throws for what the partner
 * does; the caller decides (the sender turns failures into errors, the "send test" action reports them).
 *
 * Redirects are not followed (a redirect could take the signed body to another host): 301/308 are permanent
 * failures, other 3xx retryable ones.
 */
@Injectable()
export class WebhookClient {
  constructor(private readonly settings: WebhookSettings) {}

  async post(target: WebhookTarget, event: WebhookEvent): Promise<WebhookPostResult> {
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const controller = new AbortController();
    const timeoutMs = this.settings.timeoutMs;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = performance.now();
    const done = (r: Omit<WebhookPostResult, 'durationMs'>): WebhookPostResult => ({
      ...r,
      durationMs: Math.round(performance.now() - started),
    });
    try {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': WEBHOOK_USER_AGENT,
          'x-ipe-timestamp': String(timestamp),
          'x-ipe-signature': signWebhook(target.secret, timestamp, body),
          'idempotency-key': event.id,
        },
        body,
        redirect: 'manual',
        signal: controller.signal,
      });
      const status = res.status;
      if (status >= 200 && status < 300) {
        await res.body?.cancel().catch(() => undefined);
        return done({ ok: true, status, permanent: false });
      }
      if (status >= 300 && status < 400) {
        await res.body?.cancel().catch(() => undefined);
        const location = res.headers.get('location');
        return done({
          ok: false,
          status,
          permanent: status === 301 || status === 308,
          error: `HTTP ${status}: redirect${location ? ` to ${location}` : ''} not followed; update the endpoint URL`,
        });
      }
      const snippet = await readSnippet(res);
      const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
      return done({ ok: false, status, permanent, error: `HTTP ${status}${snippet ? `: ${snippet}` : ''}` });
    } catch (e) {
      const error = controller.signal.aborted ? `timed out after ${timeoutMs} ms` : networkError(e);
      return done({ ok: false, status: null, permanent: false, error });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The first {@link SNIPPET_CHARS} characters of a response body (reads no more than it needs). */
async function readSnippet(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < SNIPPET_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // a body cut off or timed out: report what arrived
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, SNIPPET_CHARS).trim();
}

/** fetch's TypeError says only "fetch failed"; the useful part (ECONNREFUSED, a parser error) is its cause. */
function networkError(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const detail = [cause?.code, cause?.message].filter(Boolean).join(' ');
  const message = e instanceof Error ? e.message : String(e);
  return detail ? `${message}: ${detail}` : message;
}
