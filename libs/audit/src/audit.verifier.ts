import { Injectable } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { AUDIT_EVENT_COLUMNS, AuditEventRow } from './audit-event';
import { auditCheckpointHash, auditEventHash, CheckpointHeads, ZERO_HASH } from './audit-hash';

export type AuditProblemKind =
  /** A stream does not run 1, 2, 3…: a row was removed (or duplicated) before this one. */
  | 'seq_gap'
  /** The row does not link to the hash of the row before it: rows were reordered or one was replaced. */
  | 'prev_hash_mismatch'
  /** The row's content no longer matches its hash: the row was altered. */
  | 'hash_mismatch'
  /** audit_stream_heads disagrees with the stream's last event (or a stream has no head). */
  | 'head_mismatch'
  /** Events a head row or a checkpoint vouches for are gone: the tail of the stream was cut off. */
  | 'missing_tail'
  /** The checkpoint chain itself was altered (content, order or link). */
  | 'checkpoint_broken'
  /** A checkpoint sealed a stream head whose event now has another hash: the stream was rewritten. */
  | 'checkpoint_head_mismatch';

export interface AuditProblem {
  kind: AuditProblemKind;
  stream?: string;
  seq?: number;
  eventId?: string;
  checkpointId?: string;
  message: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  streams: number;
  events: number;
  checkpoints: number;
  /** Number of problems found (each bad row or checkpoint counts once). */
  problems: number;
  /** The first problem in the order: event chains by (stream, seq), heads, checkpoint chain, sealed heads. */
  firstProblem?: AuditProblem;
}

export interface AuditVerifyOptions {
  /** Rows per round trip (default 2000). */
  batchSize?: number;
}

/**
 * Walks every stream and the checkpoint chain in one REPEATABLE READ, READ ONLY transaction (a consistent
 * snapshot while commands keep writing), fetching events in keyset-paginated batches so memory stays flat:
 *  - each stream runs seq 1, 2, 3… with prev_hash linking to the previous row's hash, and every hash recomputes;
 *  - audit_stream_heads matches each stream's last event;
 *  - checkpoints link and recompute, and every head a checkpoint sealed still exists with the sealed hash
 *    (which is what catches a cut-off tail, even when the attacker also rolled the head row back).
 */
export async function verifyAuditLog(
  ds: DataSource,
  options: AuditVerifyOptions = {},
): Promise<AuditVerifyResult> {
  const batchSize = options.batchSize ?? 2000;
  const qr = ds.createQueryRunner('master');
  await qr.connect();
  try {
    await qr.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      return await verifyIn(qr, batchSize);
    } finally {
      await qr.query('ROLLBACK');
    }
  } finally {
    await qr.release();
  }
}

class Findings {
  count = 0;
  first?: AuditProblem;
  add(p: AuditProblem): void {
    this.count++;
    this.first ??= p;
  }
}

async function verifyIn(qr: QueryRunner, batchSize: number): Promise<AuditVerifyResult> {
  const found = new Findings();
  const { streams, events } = await verifyStreams(qr, batchSize, found);
  await verifyHeads(qr, found);
  const checkpoints = await verifyCheckpointChain(qr, Math.max(1, Math.floor(batchSize / 20)), found);
  await verifySealedHeads(qr, found);
  return {
    ok: found.count === 0,
    streams,
    events,
    checkpoints,
    problems: found.count,
    firstProblem: found.first,
  };
}

async function verifyStreams(
  qr: QueryRunner,
  batchSize: number,
  found: Findings,
): Promise<{ streams: number; events: number }> {
  let streams = 0;
  let events = 0;
  let stream: string | undefined;
  let expectedSeq = 1;
  let prevHash = ZERO_HASH;
  let after: AuditEventRow | undefined;
  for (;;) {
    const rows = (await qr.query(
      after
        ? `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events WHERE (stream, seq, id) > ($2, $3, $4::bigint)
           ORDER BY stream, seq, id LIMIT $1`
        : `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events ORDER BY stream, seq, id LIMIT $1`,
      after ? [batchSize, after.stream, after.seq, after.id] : [batchSize],
    )) as AuditEventRow[];
    for (const r of rows) {
      events++;
      if (r.stream !== stream) {
        streams++;
        stream = r.stream;
        expectedSeq = 1;
        prevHash = ZERO_HASH;
      }
      const at = { stream: r.stream, seq: r.seq, eventId: r.id };
      if (r.seq !== expectedSeq) {
        found.add({
          kind: 'seq_gap',
          ...at,
          message: `stream ${r.stream}: expected seq ${expectedSeq}, found ${r.seq} (event ${r.id})`,
        });
      } else if (r.prev_hash !== prevHash) {
        found.add({
          kind: 'prev_hash_mismatch',
          ...at,
          message: `stream ${r.stream} seq ${r.seq} (event ${r.id}) does not link to the previous event's hash`,
        });
      } else {
        const hash = auditEventHash(r.prev_hash, {
          stream: r.stream,
          seq: r.seq,
          occurredAt: r.occurred_at,
          actorId: r.actor_id,
          actorName: r.actor_name,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          data: r.data,
          requestId: r.request_id,
        });
        if (hash !== r.hash) {
          found.add({
            kind: 'hash_mismatch',
            ...at,
            message: `stream ${r.stream} seq ${r.seq} (event ${r.id}) was altered: its content does not match its hash`,
          });
        }
      }
      // Resynchronise on the row as found, so one problem is reported once.
      expectedSeq = r.seq + 1;
      prevHash = r.hash;
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1];
  }
  return { streams, events };
}

async function verifyHeads(qr: QueryRunner, found: Findings): Promise<void> {
  const rows = (await qr.query(
    `WITH last AS (
       SELECT DISTINCT ON (stream) stream, id, seq, hash FROM audit_events ORDER BY stream, seq DESC, id DESC
     )
     SELECT coalesce(h.stream, l.stream) AS stream, h.seq AS head_seq, h.hash AS head_hash,
            h.last_event_id::text AS head_event_id, l.id::text AS event_id, l.seq AS event_seq, l.hash AS event_hash,
            count(*) OVER ()::int AS total
     FROM audit_stream_heads h FULL JOIN last l ON l.stream = h.stream
     WHERE h.stream IS NULL OR l.stream IS NULL OR h.seq <> l.seq OR h.hash <> l.hash OR h.last_event_id <> l.id
     ORDER BY 1 LIMIT 1`,
  )) as {
    stream: string;
    head_seq: number | null;
    head_hash: string | null;
    head_event_id: string | null;
    event_id: string | null;
    event_seq: number | null;
    event_hash: string | null;
    total: number;
  }[];
  const r = rows[0];
  if (!r) return;
  const lastSeq = r.event_seq ?? 0;
  const problem: AuditProblem =
    r.head_seq !== null && r.head_seq > lastSeq
      ? {
          kind: 'missing_tail',
          stream: r.stream,
          seq: r.head_seq,
          eventId: r.head_event_id ?? undefined,
          message: `stream ${r.stream}: head says seq ${r.head_seq} (event ${r.head_event_id}) but the last event is seq ${lastSeq}`,
        }
      : {
          kind: 'head_mismatch',
          stream: r.stream,
          seq: r.event_seq ?? r.head_seq ?? undefined,
          eventId: r.event_id ?? undefined,
          message:
            r.head_seq === null
              ? `stream ${r.stream} has events but no head row`
              : `stream ${r.stream}: head (seq ${r.head_seq}, event ${r.head_event_id}) does not match the last event (seq ${r.event_seq}, event ${r.event_id})`,
        };
  found.add(problem);
  found.count += r.total - 1;
}

async function verifyCheckpointChain(qr: QueryRunner, batchSize: number, found: Findings): Promise<number> {
  let count = 0;
  let prevHash = ZERO_HASH;
  let prevMark = 0n;
  let after = '0';
  for (;;) {
    const rows = (await qr.query(
      `SELECT id::text AS id, created_at, up_to_event_id::text AS up_to, heads, prev_hash, hash
       FROM audit_checkpoints WHERE id > $1::bigint ORDER BY id LIMIT $2`,
      [after, batchSize],
    )) as { id: string; created_at: Date; up_to: string; heads: unknown; prev_hash: string; hash: string }[];
    for (const c of rows) {
      count++;
      const broken = (why: string) =>
        found.add({ kind: 'checkpoint_broken', checkpointId: c.id, message: `checkpoint ${c.id} ${why}` });
      if (c.prev_hash !== prevHash) broken('does not link to the previous checkpoint (removed or reordered)');
      else if (!isCheckpointHeads(c.heads)) broken('has malformed heads');
      else if (
        auditCheckpointHash(c.prev_hash, {
          createdAt: c.created_at,
          upToEventId: c.up_to,
          heads: c.heads,
        }) !== c.hash
      )
        broken('was altered: its content does not match its hash');
      else if (BigInt(c.up_to) < prevMark)
        broken(`moves up_to_event_id backwards (${c.up_to} < ${prevMark})`);
      prevHash = c.hash;
      prevMark = BigInt(c.up_to);
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1].id;
  }
  return count;
}

function isCheckpointHeads(v: unknown): v is CheckpointHeads {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  return Object.values(v as Record<string, unknown>).every((h) => {
    const head = h as { seq?: unknown; hash?: unknown };
    return Number.isInteger(head?.seq) && typeof head?.hash === 'string';
  });
}

async function verifySealedHeads(qr: QueryRunner, found: Findings): Promise<void> {
  const rows = (await qr.query(
    `WITH sealed AS (
       SELECT cp.id AS checkpoint_id, h.key AS stream, h.value ->> 'seq' AS seq, h.value ->> 'hash' AS hash
       FROM audit_checkpoints cp CROSS JOIN LATERAL jsonb_each(cp.heads) h
     )
     SELECT s.checkpoint_id::text AS checkpoint_id, s.stream, s.seq AS sealed_seq, s.hash AS sealed_hash,
            e.id::text AS event_id, e.hash AS event_hash,
            (SELECT max(x.seq) FROM audit_events x WHERE x.stream = s.stream) AS last_seq,
            count(*) OVER ()::int AS total
     FROM sealed s
     LEFT JOIN audit_events e ON e.stream = s.stream AND s.seq ~ '^[0-9]{1,9}$' AND e.seq = s.seq::int
     WHERE e.id IS NULL OR e.hash IS DISTINCT FROM s.hash
     ORDER BY s.checkpoint_id, s.stream LIMIT 1`,
  )) as {
    checkpoint_id: string;
    stream: string;
    sealed_seq: string;
    sealed_hash: string;
    event_id: string | null;
    event_hash: string | null;
    last_seq: number | null;
    total: number;
  }[];
  const r = rows[0];
  if (!r) return;
  const seq = Number(r.sealed_seq);
  found.add(
    r.event_id === null
      ? {
          kind: 'missing_tail',
          stream: r.stream,
          seq,
          checkpointId: r.checkpoint_id,
          message: `stream ${r.stream}: checkpoint ${r.checkpoint_id} sealed seq ${r.sealed_seq} but the stream now ends at seq ${r.last_seq ?? 0}`,
        }
      : {
          kind: 'checkpoint_head_mismatch',
          stream: r.stream,
          seq,
          eventId: r.event_id,
          checkpointId: r.checkpoint_id,
          message: `stream ${r.stream} seq ${seq} (event ${r.event_id}) differs from the hash sealed in checkpoint ${r.checkpoint_id}: the stream was rewritten`,
        },
  );
  found.count += r.total - 1;
}

/** The verifier as a Nest service, on the application's DataSource. */
@Injectable()
export class AuditVerifier {
  constructor(private readonly dataSource: DataSource) {}

  verify(options?: AuditVerifyOptions): Promise<AuditVerifyResult> {
    return verifyAuditLog(this.dataSource, options);
  }
}
