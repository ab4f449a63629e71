import { Injectable, Logger } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { auditCheckpointHash, CheckpointHeads, ZERO_HASH } from './audit-hash';

/** pg_advisory_xact_lock key serialising checkpoint sealing across workers ('audit-ck' in ASCII, 0x61756469742d636b). */
export const AUDIT_CHECKPOINT_LOCK_KEY = '7022364147597058923';

export interface AuditCheckpoint {
  id: string;
  createdAt: Date;
  upToEventId: string;
  heads: CheckpointHeads;
  prevHash: string;
  hash: string;
}

export interface SealOptions {
  /** How long to wait for transactions that are still writing audit events (default 5 s). */
  settleTimeoutMs?: number;
}

const POLL_MS = 20;

/**
 * Seals the heads of the streams changed since the previous checkpoint into a chain of checkpoints
 * (design.md rule 5), so that cutting off the tail of a stream — events and head row together — is detected.
 *
 * Why `up_to_event_id` is a *settled* mark, not just max(id): event ids are drawn from a sequence when the row is
 * inserted, but transactions commit in a different order. If checkpoint k recorded the max visible id and the next
 * one looked only at ids above it, an event with a lower id whose transaction was still open at checkpoint k would
 * commit afterwards and never be sealed. So:
 *
 *  1. M = max(id) visible now. Every transaction holding an id <= M has, by then, inserted into audit_events and
 *     therefore holds a RowExclusiveLock on that table until it ends (the lock is taken before nextval runs).
 *  2. Take the virtual transaction ids of the other sessions holding that lock (as CREATE INDEX CONCURRENTLY does)
 *     and wait until they have all ended. Afterwards every id <= M is either committed and visible, or gone for good.
 *     If they do not end within `settleTimeoutMs`, the mark does not advance this time (W = previous mark).
 *  3. Seal every stream having an event with id > previous mark W_prev, read after step 2. By induction every
 *     committed event is sealed by the first checkpoint whose mark covers it, and no event is ever skipped.
 *  4. `up_to_event_id` = W (M when settled). Streams whose current head is already sealed by a checkpoint taken since
 *     the mark last advanced are left out; when nothing is left, no checkpoint is written.
 *
 * Only transactions that actually write audit events are waited for (not unrelated long transactions, nor other
 * databases); they are command transactions of milliseconds. The advisory lock makes concurrent sealers
 * (several workers, a manual run) take turns; the second one usually finds nothing to seal.
 */
@Injectable()
export class AuditCheckpointService {
  private readonly logger = new Logger(AuditCheckpointService.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Writes a checkpoint, or returns null when every stream head is already sealed. */
  async seal(options: SealOptions = {}): Promise<AuditCheckpoint | null> {
    const settleTimeoutMs = options.settleTimeoutMs ?? 5000;
    const qr = this.dataSource.createQueryRunner('master');
    await qr.connect();
    try {
      await qr.startTransaction('READ COMMITTED');
      try {
        const result = await this.sealIn(qr, settleTimeoutMs);
        if (result) await qr.commitTransaction();
        else await qr.rollbackTransaction();
        return result;
      } catch (e) {
        if (qr.isTransactionActive) await qr.rollbackTransaction();
        throw e;
      }
    } finally {
      await qr.release();
    }
  }

  private async sealIn(qr: QueryRunner, settleTimeoutMs: number): Promise<AuditCheckpoint | null> {
    await qr.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [AUDIT_CHECKPOINT_LOCK_KEY]);
    const [prev] = (await qr.query(
      `SELECT up_to_event_id::text AS up_to, hash FROM audit_checkpoints ORDER BY id DESC LIMIT 1`,
    )) as { up_to: string; hash: string }[];
    const prevMark = prev?.up_to ?? '0';

    const [{ max }] = (await qr.query(`SELECT coalesce(max(id), 0)::text AS max FROM audit_events`)) as {
      max: string;
    }[];
    const settled = await this.waitForAuditWriters(qr, settleTimeoutMs);
    if (!settled) {
      this.logger.warn(
        `Audit writers still open after ${settleTimeoutMs} ms; checkpoint mark stays at ${prevMark}`,
      );
    }
    const mark = settled && BigInt(max) > BigInt(prevMark) ? max : prevMark;

    const rows = (await qr.query(
      `WITH changed AS (
         SELECT DISTINCT stream FROM audit_events WHERE id > $1::bigint
       ), latest AS (
         SELECT c.stream, l.seq, l.hash FROM changed c
         CROSS JOIN LATERAL (
           SELECT e.seq, e.hash FROM audit_events e WHERE e.stream = c.stream ORDER BY e.seq DESC LIMIT 1
         ) l
       ), sealed AS (
         SELECT DISTINCT ON (h.key) h.key AS stream, h.value ->> 'seq' AS seq, h.value ->> 'hash' AS hash
         FROM audit_checkpoints cp CROSS JOIN LATERAL jsonb_each(cp.heads) h
         WHERE cp.up_to_event_id >= $1::bigint
         ORDER BY h.key, cp.id DESC
       )
       SELECT l.stream, l.seq, l.hash FROM latest l LEFT JOIN sealed s ON s.stream = l.stream
       WHERE s.stream IS NULL OR s.seq IS DISTINCT FROM l.seq::text OR s.hash IS DISTINCT FROM l.hash
       ORDER BY l.stream`,
      [prevMark],
    )) as { stream: string; seq: number; hash: string }[];
    if (!rows.length) return null;

    const heads: CheckpointHeads = {};
    for (const r of rows) heads[r.stream] = { seq: r.seq, hash: r.hash };
    const createdAt = new Date();
    const prevHash = prev?.hash ?? ZERO_HASH;
    const hash = auditCheckpointHash(prevHash, { createdAt, upToEventId: mark, heads });
    const [inserted] = (await qr.query(
      `INSERT INTO audit_checkpoints (created_at, up_to_event_id, heads, prev_hash, hash)
       VALUES ($1::timestamptz, $2::bigint, $3::jsonb, $4, $5) RETURNING id::text AS id`,
      [createdAt.toISOString(), mark, JSON.stringify(heads), prevHash, hash],
    )) as { id: string }[];
    return { id: inserted.id, createdAt, upToEventId: mark, heads, prevHash, hash };
  }

  /** Waits until every other transaction that has inserted into audit_events (as of now) has ended. */
  private async waitForAuditWriters(qr: QueryRunner, timeoutMs: number): Promise<boolean> {
    const writers = (
      (await qr.query(
        `SELECT DISTINCT virtualtransaction AS vxid FROM pg_locks
         WHERE locktype = 'relation' AND mode = 'RowExclusiveLock'
           AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND relation = 'audit_events'::regclass AND pid IS DISTINCT FROM pg_backend_pid()`,
      )) as { vxid: string }[]
    ).map((r) => r.vxid);
    const deadline = Date.now() + timeoutMs;
    while (writers.length) {
      const [{ n }] = (await qr.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'virtualxid' AND granted AND virtualxid = ANY($1)`,
        [writers],
      )) as { n: number }[];
      if (n === 0) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    return true;
  }
}
