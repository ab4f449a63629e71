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
    const stream = this.streamOf(e);
    const [head] = (await this.txHost.tx.query(
      `INSERT INTO audit_stream_heads (stream, seq, hash, last_event_id) VALUES ($1, 0, $2, 0)
       ON CONFLICT (stream) DO UPDATE SET stream = EXCLUDED.stream
       RETURNING seq, hash`,
      [stream, ZERO_HASH],
    )) as { seq: number; hash: string }[];
    return this.append(
      actor,
      e,
      stream,
      head.seq,
      head.seq === 0 ? ZERO_HASH : head.hash,
      `UPDATE audit_stream_heads SET seq = $2, hash = $12, last_event_id = (SELECT id FROM next) WHERE stream = $1`,
    );
  }

  /**
   * The first event of a stream the caller's transaction creates (a new aggregate whose id it just made): one
   * statement writes the stream head and the event. If the stream exists after all, the head's primary key fails
   * the statement and with it the transaction — nothing is appended out of order.
   */
  async recordFirst(actor: Actor | null, e: AuditEventInput): Promise<AuditAppended> {
    const stream = this.streamOf(e);
    const values: unknown[] = [];
    const { sql, appended } = this.firstEventSql(actor, e, (v) => (values.push(v), `$${values.length}`), {
      stream,
    });
    const [row] = (await this.txHost.tx.query(
      `WITH ${sql} SELECT id::text AS id FROM audit_next`,
      values,
    )) as {
      id: string;
    }[];
    return { ...appended, id: row.id };
  }

  /**
   * {@link recordFirst} as CTE members (`audit_next`, `audit_head`, `audit_event`) for a statement the caller
   * composes with the insert of the new aggregate, `p` allocating the parameters: the aggregate, its first event and
   * its stream head are written by one statement, atomic without a transaction of its own. With `after` (the name
   * of an earlier CTE, e.g. the aggregate's insert) the event is written only if that CTE has a row.
   */
  firstEventSql(
    actor: Actor | null,
    e: AuditEventInput,
    p: (value: unknown) => string,
    { stream = this.streamOf(e, false), after }: { stream?: string; after?: string } = {},
  ): { sql: string; appended: Omit<AuditAppended, 'id'> } {
    const event = this.eventOf(actor, e, stream, 1);
    const hash = auditEventHash(ZERO_HASH, event);
    const [s, seq, h] = [p(stream), p(1), p(hash)];
    const sql = `audit_next AS (SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) AS id${
      after ? ` WHERE EXISTS (SELECT FROM ${after})` : ''
    }),
      audit_head AS (INSERT INTO audit_stream_heads (stream, seq, hash, last_event_id) SELECT ${s}, ${seq}, ${h}, id
                       FROM audit_next),
      audit_event AS (INSERT INTO audit_events (id, stream, seq, occurred_at, actor_id, actor_name, action,
                                                entity_type, entity_id, data, request_id, prev_hash, hash)
        SELECT id, ${s}, ${seq}, ${p(event.occurredAt.toISOString())}::timestamptz, ${p(event.actorId)}::uuid,
               ${p(event.actorName)}, ${p(event.action)}, ${p(event.entityType)}, ${p(event.entityId)},
               ${p(JSON.stringify(event.data))}::jsonb, ${p(event.requestId)}, ${p(ZERO_HASH)}, ${h}
          FROM audit_next)`;
    return { sql, appended: { stream, seq: 1, occurredAt: event.occurredAt, hash } };
  }

  private streamOf(e: AuditEventInput, inTransaction = true): string {
    if (inTransaction && !this.txHost.isTransactionActive()) {
      throw new Error('AuditWriter.record must run inside a @Transactional() command');
    }
    for (const key of ['action', 'entityType', 'entityId'] as const) {
      if (typeof e[key] !== 'string' || !e[key]) throw new Error(`AuditWriter.record: ${key} is required`);
    }
    return wellFormed(e.stream ?? `${wellFormed(e.entityType)}:${wellFormed(e.entityId)}`);
  }

  /** Writes the event after `headSeq` and moves the head with `moveHead` ($1 stream, $2 seq, $12 hash). */
  private async append(
    actor: Actor | null,
    e: AuditEventInput,
    stream: string,
    headSeq: number,
    prevHash: string,
    moveHead: string,
  ): Promise<AuditAppended> {
    const event = this.eventOf(actor, e, stream, headSeq + 1);
    const { entityType, entityId } = event;
    const hash = auditEventHash(prevHash, event);
    const [row] = (await this.txHost.tx.query(
      `WITH next AS (SELECT nextval(pg_get_serial_sequence('audit_events', 'id')) AS id),
       head AS (${moveHead})
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

  private eventOf(actor: Actor | null, e: AuditEventInput, stream: string, seq: number) {
    return {
      stream,
      seq,
      occurredAt: new Date(),
      actorId: actor ? actor.id.toLowerCase() : null,
      actorName: wellFormed(actor ? actor.username : ANONYMOUS_ACTOR_NAME),
      action: wellFormed(e.action),
      entityType: wellFormed(e.entityType),
      entityId: wellFormed(e.entityId),
      data: normalizeJson(e.data ?? {}),
      requestId: this.requestId(),
    };
  }

  private requestId(): string | null {
    if (!this.cls.isActive()) return null;
    const id: unknown = this.cls.getId();
    return typeof id === 'string' && id ? wellFormed(id) : null;
  }
}
