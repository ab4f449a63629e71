import type { InboxStreamEvent } from '@app/notifications';
import type { Lang } from '@app/observability';
import type { MessageEvent } from '@nestjs/common';
import { map, Observable, takeUntil, timer, type OperatorFunction } from 'rxjs';
import { toInboxMessageResponse } from './inbox-response.dto';

/** A comment line is sent this often so proxies and browsers keep an idle stream open. */
export const INBOX_HEARTBEAT_MS = 25_000;

/** An SSE frame: Nest writes `event:` from `type`, `data:` (JSON for objects) and `: comment` lines. */
export type SseFrame = MessageEvent;

/**
 * The frames of `GET /inbox/stream`:
 * - `event: unread`, `data: {"unreadCount": n}` — on connect and when messages are read;
 * - `event: message`, `data: {"message": {…}, "unreadCount": n}` — a new message (title/body in `lang`);
 * - `: heartbeat` every 25 s.
 * The stream ends at `endAt` (the access token's expiry), so a long-lived connection never outlives the token it
 * was opened with: the client reconnects, refreshing its token first if it has to.
 */
export function toInboxSse(
  events: Observable<InboxStreamEvent>,
  lang: Lang,
  { endAt, heartbeatMs = INBOX_HEARTBEAT_MS }: { endAt?: Date | null; heartbeatMs?: number } = {},
): Observable<SseFrame> {
  const frames = events.pipe(
    map((e): SseFrame =>
      e.kind === 'message'
        ? {
            type: 'message',
            data: { message: toInboxMessageResponse(e.message, lang), unreadCount: e.unreadCount },
          }
        : { type: 'unread', data: { unreadCount: e.unreadCount } },
    ),
    withHeartbeat(heartbeatMs),
  );
  return endAt ? frames.pipe(takeUntil(timer(endAt))) : frames;
}

/** The `exp` of a bearer JWT the guard has already verified, or null. */
export function bearerExpiry(authorization: string | undefined): Date | null {
  const token = /^Bearer\s+([^\s]+)$/i.exec(authorization ?? '')?.[1];
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}

/** Adds a `: heartbeat` comment every `ms` while the source is open; completes with the source (at shutdown). */
function withHeartbeat(ms: number): OperatorFunction<SseFrame, SseFrame> {
  return (source) =>
    new Observable<SseFrame>((subscriber) => {
      const heartbeat = setInterval(() => subscriber.next({ comment: 'heartbeat' }), ms);
      const subscription = source.subscribe(subscriber);
      return () => {
        clearInterval(heartbeat);
        subscription.unsubscribe();
      };
    });
}
