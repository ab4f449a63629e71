import type { Bilingual } from '@app/contracts';

/** The PostgreSQL channel that announces inbox changes to the API processes (LISTEN inbox_messages). */
export const INBOX_NOTIFY_CHANNEL = 'inbox_messages';

/**
 * Payload of a NOTIFY on {@link INBOX_NOTIFY_CHANNEL}: `<user uuid>:<message id>` for a new message,
 * `<user uuid>` alone when the user's read state changed (mark read, mark all read).
 */
export function inboxNotifyPayload(userId: string, messageId?: string): string {
  return messageId ? `${userId}:${messageId}` : userId;
}

export function parseInboxNotifyPayload(
  payload: string | undefined,
): { userId: string; messageId?: string } | null {
  const m = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?::([1-9][0-9]{0,18}))?$/i.exec(
    payload ?? '',
  );
  return m ? { userId: m[1].toLowerCase(), messageId: m[2] } : null;
}

/** One in-app message as services hand it out (both languages; the HTTP layer picks one). */
export interface InboxMessage {
  id: string;
  userId: string;
  topic: string;
  title: Bilingual;
  body: Bilingual;
  link: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

export interface InboxMessageRow {
  id: string;
  user_id: string;
  topic: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  data: Record<string, unknown> | null;
  created_at: Date;
  read_at: Date | null;
}

export const INBOX_MESSAGE_COLUMNS =
  'id::text AS id, user_id, topic, title_zh, title_en, body_zh, body_en, link, data, created_at, read_at';

export function toInboxMessage(r: InboxMessageRow): InboxMessage {
  return {
    id: String(r.id),
    userId: r.user_id,
    topic: r.topic,
    title: { zh: r.title_zh, en: r.title_en },
    body: { zh: r.body_zh, en: r.body_en },
    link: r.link,
    data: r.data ?? {},
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

export interface InboxListQuery {
  unreadOnly?: boolean;
  page: number;
  pageSize: number;
}

export interface InboxPage {
  items: InboxMessage[];
  /** Messages matching the filter. */
  total: number;
  page: number;
  pageSize: number;
  /** The user's unread messages, whatever the filter. */
  unreadCount: number;
}
