import type { Actor } from '@app/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { AuditAppended, AuditEventInput } from './audit-event';
import { auditEventHash, normalizeJson, wellFormed, ZERO_HASH } from './audit-hash';

/** actor_name of events recorded without an authenticated actor (public intake). Jobs pass SYSTEM_ACTOR. */
export const ANONYMOUS_ACTOR_NAME = 'anonymous';

/**
 * Appends hash-chained audit events inside the caller's transaction (design.md rule 5): the event commits with
 * the change it records or not at all.
 *
 * Only the head row of the event's stream is locked, so commands on different aggregates never wait on each
 * other; appends to one stream are serialised by that row lock and get seq 1, 2, 3… without gaps. A command that
 * records on several streams should record them in a stable order (e.g. sorted by stream) to avoid deadlocks.
 * Callers run at READ COMMITTED (the default); under REPEATABLE READ a concurrent append to the same stream
 * makes the later transaction fail with a serialization error.
 */
@Injectable()
export class AuditWriter {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
  ) {}

  async record(actor: Actor | null, e: AuditEventInput): Promise<AuditAppended> {
    if (!this.txHost.isTransactionActive()) {
      throw new Error('AuditWriter.record must run inside a @Transactional() command');
    }
    for (const key of ['action', 'entityType', 'entityId'] as const) {
      if (typeof e[key] !== 'string' || !e[key]) throw new Error(`AuditWriter.record: ${key} is required`);
    }
    const tx = this.txHost.tx;
    const entityType = wellFormed(e.entityType);
    const entityId = wellFormed(e.entityId);
    const stream = wellFormed(e.stream ?? `${entityType}:${entityId}`);

    // Create the head on first use, or lock the existing one, in one round trip: ON CONFLICT DO UPDATE takes the
    // row lock (waiting for a concurrent appender's commit) and returns the committed head.
    const [head] = (await tx.query(
      `INSERT INTO audit_stream_heads (stream, seq, hash, last_event_id) VALUES ($1, 0, $2, 0)
       ON CONFLICT (stream) DO UPDATE SET stream = EXCLUDED.stream
       RETURNING seq, hash`,
      [stream, ZERO_HASH],
    )) as { seq: number; hash: string }[];

    // Taken under the lock so occurred_at never goes backwards along a stream; millisecond precision is what
    // both JavaScript and the hash see, and exactly what is stored.
    const event = {
      stream,
      seq: head.seq + 1,
      occurredAt: new Date(),
      // uuid columns come back lower-case; store what the hash covers.
      actorId: actor ? actor.id.toLowerCase() : null,
      actorName: wellFormed(actor ? actor.username : ANONYMOUS_ACTOR_NAME),
      action: wellFormed(e.action),
      entityType,
      entityId,
      data: normalizeJson(e.data ?? {}),
      requestId: this.requestId(),
    };
    const prevHash = head.seq === 0 ? ZERO_HASH : head.hash;
    const hash = auditEventHash(prevHash, event);

    // One statement writes the event and moves the head (TypeORM returns [rows, count] for a top-level UPDATE,
    // so the UPDATE is the CTE and the INSERT, with an id drawn up front, is the statement).
    const [row] = (await tx.query(
      `WITH next AS (SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) AS id),
       head AS (UPDATE audit_stream_heads SET seq = $2, hash = $12, last_event_id = (SELECT id FROM next)
                WHERE stream = $1)
       INSERT INTO audit_events (id, stream, seq, occurred_at, actor_id, actor_name, action, entity_type, entity_id,
                                 data, request_id, prev_hash, hash)
       SELECT id, $1, $2, $3::timestamptz, $4::uuid, $5, $6, $7, $8, $9::jsonb, $10, $11, $12 FROM next
       RETURNING id::text AS id`,
      [
        stream,
        event.seq,
        event.occurredAt.toISOString(),
        event.actorId,
        event.actorName,
        event.action,
        entityType,
        entityId,
        JSON.stringify(event.data),
        event.requestId,
        prevHash,
        hash,
      ],
    )) as { id: string }[];
    return { id: row.id, stream, seq: event.seq, occurredAt: event.occurredAt, hash };
  }

  private requestId(): string | null {
    if (!this.cls.isActive()) return null;
    const id: unknown = this.cls.getId();
    return typeof id === 'string' && id ? wellFormed(id) : null;
  }
}
