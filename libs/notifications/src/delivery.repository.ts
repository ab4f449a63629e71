import type { Channel, NotificationPayload, TopicName } from '@app/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';

export interface NewDelivery {
  outboxId: string;
  topic: string;
  channel: Channel;
  recipient: string;
}

export interface DeliveryRecord {
  id: string;
  outboxId: string;
  topic: TopicName;
  channel: Channel;
  recipient: string;
  status: 'pending' | 'delivered' | 'failed' | 'dead' | 'discarded';
  attempts: number;
  lastError: string | null;
  payload: NotificationPayload;
  requestId: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
}

const SELECT_DELIVERY = `
  SELECT d.id::text, d.outbox_id::text AS "outboxId", d.topic, d.channel, d.recipient, d.status, d.attempts,
         d.last_error AS "lastError", o.payload, o.request_id AS "requestId", d.created_at AS "createdAt",
         d.updated_at AS "updatedAt", d.delivered_at AS "deliveredAt"
    FROM notification_deliveries d JOIN outbox o ON o.id = d.outbox_id`;

/** notification_deliveries and their attempts; every method joins the ambient transaction. */
@Injectable()
export class DeliveryRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** Inserts deliveries, ignoring ones that exist (a relay retry after a crash). Returns how many are new. */
  async insertMany(rows: NewDelivery[]): Promise<number> {
    if (!rows.length) return 0;
    const values: unknown[] = [];
    const tuples = rows.map((r, i) => {
      values.push(r.outboxId, r.topic, r.channel, r.recipient);
      return `($${i * 4 + 1}::bigint, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`;
    });
    const inserted: unknown[] = await this.tx.query(
      `INSERT INTO notification_deliveries (outbox_id, topic, channel, recipient) VALUES ${tuples.join(', ')}
       ON CONFLICT (outbox_id, channel, recipient) DO NOTHING RETURNING id`,
      values,
    );
    return inserted.length;
  }

  /**
   * Claims pending deliveries that are not in a queue — never enqueued, or enqueued long ago and untouched since
   * (the job was lost with Redis) — locking them so two workers do not both enqueue them.
   */
  claimUnqueued(
    limit: number,
    staleSeconds: number,
  ): Promise<{ id: string; channel: Channel; generation: number; requestId: string | null }[]> {
    return this.tx.query(
      `SELECT d.id::text, d.channel, d.generation, o.request_id AS "requestId"
         FROM notification_deliveries d JOIN outbox o ON o.id = d.outbox_id
        WHERE d.status = 'pending'
          AND (d.enqueued_at IS NULL
               OR (d.enqueued_at < now() - make_interval(secs => $2) AND d.updated_at < now() - make_interval(secs => $2)))
        ORDER BY d.id LIMIT $1
        FOR UPDATE OF d SKIP LOCKED`,
      [limit, staleSeconds],
    );
  }

  /** Pending deliveries count as never enqueued (their jobs may be gone); returns how many. */
  async forgetEnqueued(): Promise<number> {
    const [, count]: [unknown, number] = await this.tx.query(
      `UPDATE notification_deliveries SET enqueued_at = NULL WHERE status = 'pending' AND enqueued_at IS NOT NULL`,
    );
    return count;
  }

  async markEnqueued(ids: string[]): Promise<void> {
    await this.tx.query(
      `UPDATE notification_deliveries SET enqueued_at = now() WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  /** The delivery with its outbox payload, row-locked so a duplicate job waits and then sees the outcome. */
  async getForDelivery(id: string): Promise<DeliveryRecord | null> {
    const rows: DeliveryRecord[] = await this.tx.query(`${SELECT_DELIVERY} WHERE d.id = $1 FOR UPDATE OF d`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /**
   * Those of `ids` still pending, locked in id order. It waits for a lock another transaction holds (the enqueuer
   * that has not committed yet, a duplicate job) and then re-checks the status, so nothing is skipped or done twice.
   */
  getManyForDelivery(ids: string[]): Promise<DeliveryRecord[]> {
    return this.tx.query(
      `${SELECT_DELIVERY} WHERE d.id = ANY($1::bigint[]) AND d.status = 'pending' ORDER BY d.id FOR UPDATE OF d`,
      [ids],
    );
  }

  async markManyDelivered(ids: string[], attempt: number, durationMs: number): Promise<void> {
    if (!ids.length) return;
    await this.tx.query(
      `WITH upd AS (
         UPDATE notification_deliveries
            SET status = 'delivered', attempts = $2, last_error = NULL, updated_at = now(), delivered_at = now()
          WHERE id = ANY($1::bigint[]))
       INSERT INTO notification_attempts (delivery_id, attempt, ok, error, duration_ms)
       SELECT unnest($1::bigint[]), $2, true, NULL, $3`,
      [ids, attempt, durationMs],
    );
  }

  /** The batch form of {@link markFailed}. */
  async markManyFailed(
    failures: { id: string; error: string }[],
    attempt: number,
    dead: boolean,
    durationMs: number,
  ): Promise<void> {
    if (!failures.length) return;
    await this.tx.query(
      `WITH f AS (SELECT * FROM unnest($1::bigint[], $2::text[]) AS f(id, error)),
       upd AS (
         UPDATE notification_deliveries d
            SET status = CASE WHEN $4 THEN 'dead' ELSE 'pending' END, attempts = $3, last_error = f.error, updated_at = now()
           FROM f WHERE d.id = f.id AND d.status = 'pending')
       INSERT INTO notification_attempts (delivery_id, attempt, ok, error, duration_ms)
       SELECT id, $3, false, error, $5 FROM f`,
      [failures.map((f) => f.id), failures.map((f) => f.error), attempt, dead, durationMs],
    );
  }

  async get(id: string): Promise<DeliveryRecord | null> {
    const rows: DeliveryRecord[] = await this.tx.query(`${SELECT_DELIVERY} WHERE d.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Marks a delivery delivered and records the successful attempt, in one statement. */
  async markDelivered(id: string, attempt: number, durationMs: number): Promise<void> {
    await this.tx.query(
      `WITH upd AS (
         UPDATE notification_deliveries
            SET status = 'delivered', attempts = $2, last_error = NULL, updated_at = now(), delivered_at = now()
          WHERE id = $1)
       INSERT INTO notification_attempts (delivery_id, attempt, ok, error, duration_ms) VALUES ($1, $2, true, NULL, $3)`,
      [id, attempt, durationMs],
    );
  }

  /**
   * Records a failed attempt; the delivery stays pending (to be retried) or becomes dead. A delivery that another
   * attempt already settled is left as it is.
   */
  async markFailed(
    id: string,
    attempt: number,
    dead: boolean,
    error: string,
    durationMs: number,
  ): Promise<void> {
    await this.tx.query(
      `WITH upd AS (
         UPDATE notification_deliveries
            SET status = CASE WHEN $3 THEN 'dead' ELSE 'pending' END, attempts = $2, last_error = $4, updated_at = now()
          WHERE id = $1 AND status = 'pending')
       INSERT INTO notification_attempts (delivery_id, attempt, ok, error, duration_ms) VALUES ($1, $2, false, $4, $5)`,
      [id, attempt, dead, error, durationMs],
    );
  }

  async setOutcome(
    id: string,
    status: DeliveryRecord['status'],
    attempts: number,
    error: string | null,
  ): Promise<void> {
    await this.tx.query(
      `UPDATE notification_deliveries
          SET status = $2, attempts = $3, last_error = $4, updated_at = now(),
              delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END
        WHERE id = $1`,
      [id, status, attempts, error],
    );
  }

  /** Puts a dead delivery back in line (manual retry). */
  async requeue(id: string): Promise<void> {
    await this.tx.query(
      `UPDATE notification_deliveries
          SET status = 'pending', attempts = 0, generation = generation + 1, enqueued_at = NULL, updated_at = now()
        WHERE id = $1`,
      [id],
    );
  }

  listAttempts(
    id: string,
  ): Promise<{ attempt: number; ok: boolean; error: string | null; durationMs: number; at: Date }[]> {
    return this.tx.query(
      `SELECT attempt, ok, error, duration_ms AS "durationMs", at FROM notification_attempts
        WHERE delivery_id = $1 ORDER BY id`,
      [id],
    );
  }

  async listDead(f: {
    channel?: Channel;
    topic?: string;
    page: number;
    pageSize: number;
  }): Promise<{ items: DeliveryRecord[]; total: number }> {
    const where = [`d.status = 'dead'`];
    const params: unknown[] = [];
    if (f.channel) where.push(`d.channel = $${params.push(f.channel)}`);
    if (f.topic) where.push(`d.topic = $${params.push(f.topic)}`);
    const [{ total }]: { total: number }[] = await this.tx.query(
      `SELECT count(*)::int AS total FROM notification_deliveries d WHERE ${where.join(' AND ')}`,
      params,
    );
    const items: DeliveryRecord[] = await this.tx.query(
      `${SELECT_DELIVERY} WHERE ${where.join(' AND ')} ORDER BY d.updated_at DESC, d.id DESC
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.pageSize, (f.page - 1) * f.pageSize],
    );
    return { items, total };
  }

  /** Health: pending deliveries and the age of the oldest, in seconds. */
  async backlog(): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
    const [r]: { pending: number; oldest: number | null }[] = await this.tx.query(
      `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float AS oldest
         FROM notification_deliveries WHERE status = 'pending'`,
    );
    return { pending: r.pending, oldestAgeSeconds: r.oldest === null ? null : Math.round(r.oldest) };
  }
}
