import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeadlineNoticeKind } from './deadline.rules';

/** Session advisory lock held for a whole sweep ('deadline' in ASCII, 0x646561646c696e65). */
export const DEADLINE_SWEEP_LOCK_KEY = '7234295460384042597';

export interface NoticeKey {
  itemId: string;
  deadlineKey: string;
  kind: DeadlineNoticeKind;
}

export interface NoticeClaim extends NoticeKey {
  dueAt: Date;
}

/** Releases the sweep lock (and its connection). */
export type SweepLockRelease = () => Promise<void>;

export const noticeKey = (k: NoticeKey) => `${k.itemId}\u0000${k.deadlineKey}\u0000${k.kind}`;

/**
 * deadline_notices: one row per (source, item, deadline key, kind) holding the due instant last notified.
 * Methods join the ambient transaction (outside one they run on their own).
 */
@Injectable()
export class DeadlineNoticeRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly dataSource: DataSource,
  ) {}

  /** The due instant last notified for each notice of these items, keyed by {@link noticeKey}. */
  async notifiedDueAt(source: string, itemIds: string[]): Promise<Map<string, number>> {
    if (!itemIds.length) return new Map();
    const rows: { item_id: string; deadline_key: string; kind: DeadlineNoticeKind; due_at: Date }[] =
      await this.txHost.tx.query(
        `SELECT item_id, deadline_key, kind, due_at FROM deadline_notices
          WHERE source = $1 AND item_id = ANY($2::text[])`,
        [source, [...new Set(itemIds)]],
      );
    return new Map(
      rows.map((r) => [
        noticeKey({ itemId: r.item_id, deadlineKey: r.deadline_key, kind: r.kind }),
        new Date(r.due_at).getTime(),
      ]),
    );
  }

  /**
   * Records the notices unless already recorded for the same due instant, and returns the ones this call recorded:
   * only those may be announced. A row for another due instant (the deadline moved) is taken over. Concurrent
   * claims of the same notice wait for each other on the row; exactly one of them gets it back.
   */
  async claim(source: string, claims: NoticeClaim[]): Promise<NoticeKey[]> {
    if (!claims.length) return [];
    // One statement may not touch a row twice, and a fixed order keeps concurrent claimers from deadlocking.
    const unique = [...new Map(claims.map((c) => [noticeKey(c), c])).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, c]) => c);
    const rows: { item_id: string; deadline_key: string; kind: DeadlineNoticeKind }[] =
      await this.txHost.tx.query(
        `INSERT INTO deadline_notices AS n (source, item_id, deadline_key, kind, due_at)
         SELECT $1, c.item_id, c.deadline_key, c.kind, c.due_at
           FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[])
                WITH ORDINALITY AS c(item_id, deadline_key, kind, due_at, ord)
          ORDER BY c.ord
         ON CONFLICT (source, item_id, deadline_key, kind) DO UPDATE
            SET due_at = EXCLUDED.due_at, outbox_id = NULL, emitted_at = now()
          WHERE n.due_at IS DISTINCT FROM EXCLUDED.due_at
         RETURNING n.item_id, n.deadline_key, n.kind`,
        [
          source,
          unique.map((c) => c.itemId),
          unique.map((c) => c.deadlineKey),
          unique.map((c) => c.kind),
          unique.map((c) => c.dueAt.toISOString()),
        ],
      );
    return rows.map((r) => ({ itemId: r.item_id, deadlineKey: r.deadline_key, kind: r.kind }));
  }

  /** Points the notices at the outbox rows that announce them. */
  async linkOutbox(source: string, links: (NoticeKey & { outboxId: string })[]): Promise<void> {
    if (!links.length) return;
    await this.txHost.tx.query(
      `UPDATE deadline_notices n SET outbox_id = l.outbox_id
         FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) AS l(item_id, deadline_key, kind, outbox_id)
        WHERE n.source = $1 AND n.item_id = l.item_id AND n.deadline_key = l.deadline_key AND n.kind = l.kind`,
      [
        source,
        links.map((l) => l.itemId),
        links.map((l) => l.deadlineKey),
        links.map((l) => l.kind),
        links.map((l) => l.outboxId),
      ],
    );
  }

  /**
   * Takes the sweep's session advisory lock on a connection of its own, or returns null when another sweep (another
   * worker, a manual run) holds it. The lock goes with the connection, so a crashed sweep never leaves it behind.
   */
  async tryLockSweep(): Promise<SweepLockRelease | null> {
    const qr = this.dataSource.createQueryRunner('master');
    await qr.connect();
    try {
      const [{ locked }] = (await qr.query(`SELECT pg_try_advisory_lock($1::bigint) AS locked`, [
        DEADLINE_SWEEP_LOCK_KEY,
      ])) as { locked: boolean }[];
      if (!locked) {
        await qr.release();
        return null;
      }
    } catch (e) {
      await qr.release();
      throw e;
    }
    return async () => {
      try {
        await qr.query(`SELECT pg_advisory_unlock($1::bigint)`, [DEADLINE_SWEEP_LOCK_KEY]);
      } catch (e) {
        // A connection that may still hold the lock must not go back to the pool: close it instead.
        const pg = qr as unknown as { releasePostgresConnection?: (err: unknown) => Promise<void> };
        if (pg.releasePostgresConnection) await pg.releasePostgresConnection(e);
        else await qr.release();
        throw e;
      }
      await qr.release();
    };
  }
}
