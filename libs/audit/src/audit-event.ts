import type { JsonValue } from './audit-hash';

/** What a command records: the action and the entity it concerns. */
export interface AuditEventInput {
  /** Dotted verb, e.g. `case.file`, `user.create`. */
  action: string;
  /** Aggregate kind, e.g. `case`, `complaint`, `user`. */
  entityType: string;
  entityId: string;
  /** Chain the event joins; defaults to `${entityType}:${entityId}` (one stream per aggregate). */
  stream?: string;
  /** Details (a diff, a reason); must be JSON-serialisable. */
  data?: Record<string, unknown>;
}

/** The identity of an appended event. */
export interface AuditAppended {
  id: string;
  stream: string;
  seq: number;
  occurredAt: Date;
  hash: string;
}

/** One stored audit event. `id` is a bigint, hence a string. */
export interface AuditEventRecord {
  id: string;
  stream: string;
  seq: number;
  occurredAt: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  data: JsonValue;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditEventFilter {
  /** Username or user id. */
  actor?: string;
  stream?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** occurred_at >= from */
  from?: Date;
  /** occurred_at < to */
  to?: Date;
}

export interface AuditEventListQuery extends AuditEventFilter {
  page: number;
  pageSize: number;
}

/** The columns every read selects, in the order `toAuditEventRecord` expects. */
export const AUDIT_EVENT_COLUMNS =
  'id::text AS id, stream, seq, occurred_at, actor_id::text AS actor_id, actor_name, action, entity_type, ' +
  'entity_id, data, request_id, prev_hash, hash';

export interface AuditEventRow {
  id: string;
  stream: string;
  seq: number;
  occurred_at: Date;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string;
  data: JsonValue;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export function toAuditEventRecord(r: AuditEventRow): AuditEventRecord {
  return {
    id: r.id,
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
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
