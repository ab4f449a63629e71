import type { Bilingual } from '@app/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import {
  INBOX_MESSAGE_COLUMNS,
  INBOX_NOTIFY_CHANNEL,
  InboxListQuery,
  InboxMessage,
  InboxMessageRow,
  toInboxMessage,
} from './inbox-message';

export interface NewInboxMessage {
  userId: string;
  deliveryId: string;
  topic: string;
  title: Bilingual;
  body: Bilingual;
  link: string | null;
  data: Record<string, unknown>;
}

export interface InboxInsertResult {
  /** The user exists and is active. */
  userActive: boolean;
  /** The id of the row this call inserted; null when nothing was inserted. */
  insertedId: string | null;
  /**
   * A message for this delivery was committed before this statement began. (A concurrent attempt that commits
   * while this one waits on the unique index is not seen here; then `userActive` and no `insertedId` tell.)
   */
  existed: boolean;
}

/** SQL of the in-app inbox. Runs in the ambient transaction when there is one. */
@Injectable()
export class InboxRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Inserts the message of a delivery once (delivery_id is unique) for an active user and, in the same statement,
   * queues `NOTIFY inbox_messages '<user>:<id>'`, which PostgreSQL sends when the transaction commits (and drops if
   * it rolls back).
   */
  async insertForDelivery(m: NewInboxMessage): Promise<InboxInsertResult> {
    const [row] = (await this.txHost.tx.query(
      `WITH u AS (SELECT id FROM users WHERE id = $1::uuid AND active),
       ins AS (
         INSERT INTO inbox_messages (user_id, delivery_id, topic, title_zh, title_en, body_zh, body_en, link, data)
         SELECT u.id, $2::bigint, $3, $4, $5, $6, $7, $8, $9::jsonb FROM u
         ON CONFLICT (delivery_id) DO NOTHING
         RETURNING id, user_id)
       SELECT EXISTS (SELECT 1 FROM u) AS user_active,
              (SELECT id::text FROM ins) AS inserted_id,
              EXISTS (SELECT 1 FROM inbox_messages WHERE delivery_id = $2::bigint) AS existed,
              (SELECT pg_notify($10, ins.user_id::text || ':' || ins.id::text) FROM ins) AS notified`,
      [
        m.userId,
        m.deliveryId,
        m.topic,
        m.title.zh,
        m.title.en,
        m.body.zh,
        m.body.en,
        m.link,
        JSON.stringify(m.data),
        INBOX_NOTIFY_CHANNEL,
      ],
    )) as { user_active: boolean; inserted_id: string | null; existed: boolean }[];
    return { userActive: row.user_active, insertedId: row.inserted_id, existed: row.existed };
  }

  /**
   * The batch form of {@link insertForDelivery}: one statement inserts the messages of many deliveries (for active
   * users, once per delivery) and queues one notification per inserted message. Returns the delivery ids that now
   * have their message (inserted now or before); the others name users that do not exist or are inactive.
   */
  async insertManyForDeliveries(list: NewInboxMessage[]): Promise<Set<string>> {
    if (!list.length) return new Set();
    const col = <K extends keyof NewInboxMessage>(k: K) => list.map((m) => m[k]);
    const rows = (await this.txHost.tx.query(
      `WITH src AS (
         SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::text[], $9::jsonb[])
                AS s(user_id, delivery_id, topic, title_zh, title_en, body_zh, body_en, link, data)),
       ins AS (
         INSERT INTO inbox_messages (user_id, delivery_id, topic, title_zh, title_en, body_zh, body_en, link, data)
         SELECT s.user_id, s.delivery_id, s.topic, s.title_zh, s.title_en, s.body_zh, s.body_en, s.link, s.data
           FROM src s JOIN users u ON u.id = s.user_id AND u.active
         ON CONFLICT (delivery_id) DO NOTHING
         RETURNING delivery_id, pg_notify($10, user_id::text || ':' || id::text))
       SELECT delivery_id::text FROM ins
       UNION
       SELECT delivery_id::text FROM inbox_messages WHERE delivery_id = ANY($2::bigint[])`,
      [
        col('userId'),
        col('deliveryId'),
        col('topic'),
        list.map((m) => m.title.zh),
        list.map((m) => m.title.en),
        list.map((m) => m.body.zh),
        list.map((m) => m.body.en),
        col('link'),
        list.map((m) => JSON.stringify(m.data)),
        INBOX_NOTIFY_CHANNEL,
      ],
    )) as { delivery_id: string | null }[];
    return new Set(rows.map((r) => r.delivery_id).filter((id): id is string => id !== null));
  }

  /** Unread first, then newest first. */
  async list(userId: string, q: InboxListQuery): Promise<{ items: InboxMessage[]; total: number }> {
    const where = `WHERE user_id = $1::uuid${q.unreadOnly ? ' AND read_at IS NULL' : ''}`;
    const tx = this.txHost.tx;
    const [{ total }] = (await tx.query(`SELECT count(*)::int AS total FROM inbox_messages ${where}`, [
      userId,
    ])) as { total: number }[];
    const rows = (await tx.query(
      `SELECT ${INBOX_MESSAGE_COLUMNS} FROM inbox_messages ${where}
       ORDER BY (read_at IS NULL) DESC, id DESC LIMIT $2 OFFSET $3`,
      [userId, q.pageSize, (q.page - 1) * q.pageSize],
    )) as InboxMessageRow[];
    return { items: rows.map(toInboxMessage), total };
  }

  async unreadCount(userId: string): Promise<number> {
    const [{ n }] = (await this.txHost.tx.query(
      `SELECT count(*)::int AS n FROM inbox_messages WHERE user_id = $1::uuid AND read_at IS NULL`,
      [userId],
    )) as { n: number }[];
    return n;
  }

  /** Those of `ids` that are the user's messages, oldest first. */
  async findManyForUser(userId: string, ids: string[]): Promise<InboxMessage[]> {
    if (!ids.length) return [];
    const rows = (await this.txHost.tx.query(
      `SELECT ${INBOX_MESSAGE_COLUMNS} FROM inbox_messages WHERE id = ANY($1::bigint[]) AND user_id = $2::uuid
       ORDER BY id`,
      [ids, userId],
    )) as InboxMessageRow[];
    return rows.map(toInboxMessage);
  }

  /**
   * Marks one of the user's messages read (keeping the first read time) and announces the change to the user's
   * other open pages; null when the user has no message with this id.
   */
  async markRead(userId: string, id: string): Promise<InboxMessage | null> {
    const [row] = (await this.txHost.tx.query(
      `WITH upd AS (
         UPDATE inbox_messages SET read_at = coalesce(read_at, now())
          WHERE id = $1::bigint AND user_id = $2::uuid
         RETURNING ${INBOX_MESSAGE_COLUMNS})
       SELECT upd.*, pg_notify($3, $2::text) AS notified FROM upd`,
      [id, userId, INBOX_NOTIFY_CHANNEL],
    )) as InboxMessageRow[];
    return row ? toInboxMessage(row) : null;
  }

  /** Marks every unread message of the user read; returns how many changed (and announces it when any did). */
  async markAllRead(userId: string): Promise<number> {
    const [{ n }] = (await this.txHost.tx.query(
      `WITH upd AS (
         UPDATE inbox_messages SET read_at = now() WHERE user_id = $1::uuid AND read_at IS NULL RETURNING 1),
       c AS (SELECT count(*)::int AS n FROM upd)
       SELECT n, CASE WHEN n > 0 THEN pg_notify($2, $1::text) END AS notified FROM c`,
      [userId, INBOX_NOTIFY_CHANNEL],
    )) as { n: number }[];
    return n;
  }
}
