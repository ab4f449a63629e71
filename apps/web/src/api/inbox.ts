/**
 * The in-app inbox (消息) and notification settings: REST calls, and the live stream of `GET /inbox/stream`.
 *
 * The stream is server-sent events read with `fetch()`: EventSource cannot send the Authorization header, and a
 * token never goes into a URL (URLs end up in logs and history). `authorizedSend` adds the bearer token and does
 * the shared refresh-and-retry, so a stream that ends when the access token expires reconnects with a fresh one.
 * One connection per tab, shared by every subscriber (the header bell, the inbox page).
 */
import { onLangChange } from '../i18n/lang';
import { authorizedSend, http } from './http';
import type { components } from './schema';
import type { PageQuery } from './types';

type Schemas = components['schemas'];

export type InboxMessage = Schemas['InboxMessageResponseDto'];
export type InboxPage = Schemas['InboxPageResponseDto'];
export type NotificationPreference = Schemas['NotificationPreferenceResponseDto'];
export type PersonalChannel = NotificationPreference['channels'][number];
export const PERSONAL_CHANNELS: readonly PersonalChannel[] = ['inbox', 'email', 'sms'];

export interface InboxQuery extends PageQuery {
  unreadOnly?: boolean;
}

const seg = encodeURIComponent;

export const inboxApi = {
  list: (query: InboxQuery, signal?: AbortSignal) => http.get<InboxPage>('/inbox', { ...query }, signal),
  unreadCount: (signal?: AbortSignal) =>
    http.get<Schemas['InboxUnreadCountResponseDto']>('/inbox/unread-count', undefined, signal),
  markRead: async (id: string) => {
    const message = await http.post<InboxMessage>(`/inbox/${seg(id)}/read`);
    emit({ type: 'changed' });
    return message;
  },
  markAllRead: async () => {
    const result = await http.post<Schemas['InboxMarkAllReadResponseDto']>('/inbox/read-all');
    emit({ type: 'unread', unreadCount: 0 });
    return result;
  },
};

export const notificationPreferencesApi = {
  list: (signal?: AbortSignal) =>
    http.get<NotificationPreference[]>('/notification-preferences', undefined, signal),
  set: (topic: string, channels: PersonalChannel[]) =>
    http.put<NotificationPreference>(`/notification-preferences/${seg(topic)}`, { channels }),
};

// ---- live stream ---------------------------------------------------------------

export type InboxEvent =
  /** the unread count (on connect, and when messages are read anywhere) */
  | { type: 'unread'; unreadCount: number }
  /** a new message arrived */
  | { type: 'message'; message: InboxMessage; unreadCount: number }
  /** this tab changed read state; lists may reload */
  | { type: 'changed' }
  /** the stream connected or lost its connection */
  | { type: 'status'; connected: boolean };

type Listener = (event: InboxEvent) => void;

const listeners = new Set<Listener>();
let connection: AbortController | null = null;
let connected = false;
let stopLangWatch: (() => void) | null = null;

function emit(event: InboxEvent): void {
  if (event.type === 'status') connected = event.connected;
  listeners.forEach((listener) => {
    try {
      listener(event);
    } catch (error) {
      // one broken subscriber must not starve the others; report it as an uncaught error
      setTimeout(() => {
        throw error;
      });
    }
  });
}

/** Whether the live stream is connected right now. */
export function inboxStreamConnected(): boolean {
  return connected;
}

/**
 * Receive inbox events; the first subscriber opens the stream, the last one to leave closes it. The stream
 * reconnects after errors with exponential backoff (1 s doubling to 30 s) and reopens when the UI language changes
 * (message titles come in the language of the request).
 */
export function subscribeInbox(listener: Listener): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    start();
    stopLangWatch = onLangChange(() => {
      connection?.abort();
      start();
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      stopLangWatch?.();
      stopLangWatch = null;
      stop();
    }
  };
}

function start(): void {
  const controller = new AbortController();
  connection = controller;
  void run(controller.signal);
}

function stop(): void {
  connection?.abort();
  connection = null;
  if (connected) emit({ type: 'status', connected: false });
}

const BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

async function run(signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const res = await authorizedSend('GET', '/inbox/stream', { accept: 'text/event-stream', signal });
      // The session is over (authorizedSend has already logged out), or the account may not use the inbox.
      if (res.status === 401 || res.status === 403) return;
      if (!res.ok || !res.body) throw new Error(`inbox stream: HTTP ${res.status}`);
      failures = 0;
      if (!connected) emit({ type: 'status', connected: true });
      await readEvents(res.body, signal, dispatch);
      // A clean end: the server closes the stream when the access token expires (or it restarts).
      // Reconnect at once without reporting an interruption.
    } catch {
      // network error, server restart, proxy timeout: try again with backoff
      if (signal.aborted) return;
      failures++;
      if (connected) emit({ type: 'status', connected: false });
    }
    if (signal.aborted) return;
    const delay = failures
      ? Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** (failures - 1)) * (0.75 + Math.random() * 0.5)
      : 500;
    await sleep(delay, signal);
  }
}

function dispatch(event: SseEvent): void {
  if (!event.data) return;
  let data: unknown;
  try {
    data = JSON.parse(event.data);
  } catch {
    return;
  }
  const d = data as { unreadCount?: unknown; message?: InboxMessage };
  if (typeof d.unreadCount !== 'number') return;
  if (event.event === 'unread') emit({ type: 'unread', unreadCount: d.unreadCount });
  else if (event.event === 'message' && d.message)
    emit({ type: 'message', message: d.message, unreadCount: d.unreadCount });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

// ---- server-sent events parsing (https://html.spec.whatwg.org/multipage/server-sent-events.html) -------------

export interface SseEvent {
  /** `message` when the frame names no event */
  event: string;
  data: string;
  id?: string;
}

/** Parses one frame (the lines between blank lines); null for a frame that carries no data (a comment). */
export function parseSseFrame(frame: string): SseEvent | null {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of frame.split(/\r\n|\r|\n/)) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  return data.length ? { event, data: data.join('\n'), id } : null;
}

/** Reads a `text/event-stream` body to its end, calling `onEvent` for each frame as it arrives. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onEvent: (event: SseEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const abort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', abort, { once: true });
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let boundary: RegExpExecArray | null;
      while ((boundary = /\r\n\r\n|\n\n|\r\r/.exec(buffer))) {
        const frame = buffer.slice(0, boundary.index);
        buffer = buffer.slice(boundary.index + boundary[0].length);
        const event = parseSseFrame(frame);
        if (event) onEvent(event);
      }
    }
  } finally {
    signal.removeEventListener('abort', abort);
    reader.releaseLock();
  }
}
