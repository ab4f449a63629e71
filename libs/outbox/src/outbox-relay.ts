import type { TopicName } from '@app/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';

export interface OutboxRow {
  id: string;
  topic: TopicName | string;
  payload: Record<string, unknown>;
  requestId: string | null;
  createdAt: Date;
}

/**
 * Moves outbox rows on, in id order, in batches. Each batch is claimed with `FOR UPDATE SKIP LOCKED`, so several
 * workers share the work without taking the same row; the handler runs in the same transaction and the rows are
 * marked dispatched before it commits — what the handler writes (deliveries) and the mark commit together, or not
 * at all. Nothing here touches Redis.
 */
@Injectable()
export class OutboxRelay {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Returns how many rows were handed to `handle` (0 = nothing waiting). */
  relayBatch(limit: number, handle: (rows: OutboxRow[]) => Promise<void>): Promise<number> {
    return this.txHost.withTransaction(async () => {
      const rows: {
        id: string;
        topic: string;
        payload: Record<string, unknown>;
        request_id: string | null;
        created_at: Date;
      }[] = await this.txHost.tx.query(
        `SELECT id::text, topic, payload, request_id, created_at FROM outbox
            WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (!rows.length) return 0;
      await handle(
        rows.map((r) => ({
          id: r.id,
          topic: r.topic,
          payload: r.payload,
          requestId: r.request_id,
          createdAt: r.created_at,
        })),
      );
      await this.txHost.tx.query(
        `UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`,
        [rows.map((r) => r.id)],
      );
      return rows.length;
    });
  }

  /** Records why rows could not be routed (they stay dispatched: retrying would not help). */
  async markUnroutable(ids: string[], error: string): Promise<void> {
    if (!ids.length) return;
    await this.txHost.tx.query(`UPDATE outbox SET last_error = $2 WHERE id = ANY($1::bigint[])`, [
      ids,
      error,
    ]);
  }

  /** Backlog for health checks: undispatched rows and the age of the oldest, in seconds. */
  async backlog(): Promise<{ pending: number; oldestAgeSeconds: number | null }> {
    const [r]: { pending: number; oldest: number | null }[] = await this.txHost.tx.query(
      `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float AS oldest
         FROM outbox WHERE dispatched_at IS NULL`,
    );
    return { pending: r.pending, oldestAgeSeconds: r.oldest === null ? null : Math.round(r.oldest) };
  }
}
