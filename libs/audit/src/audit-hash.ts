import { createHash } from 'node:crypto';

/** prev_hash of the first event of a stream and of the first checkpoint. */
export const ZERO_HASH = '0'.repeat(64);

/** JSON value after {@link normalizeJson}: what jsonb stores and gives back. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The value as it will come back from PostgreSQL: what JSON.stringify keeps (undefined dropped, Dates as ISO
 * strings, non-finite numbers as null) with lone UTF-16 surrogates replaced by U+FFFD (they cannot be stored as
 * UTF-8). Hashing the normalized value is what lets the verifier recompute the same hash from the stored row.
 */
export function normalizeJson(value: unknown): JsonValue {
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? wellFormed(v) : v));
  return json === undefined ? null : (JSON.parse(json) as JsonValue);
}

export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

/** JSON with object keys sorted recursively (code-unit order), no whitespace: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const parts = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
    return `{${parts.join(',')}}`;
  }
  throw new TypeError(`Cannot hash a ${typeof value}`);
}

/** sha256(prevHash || canonical JSON of body), lower-case hex. */
export function chainHash(prevHash: string, body: unknown): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalJson(body), 'utf8').digest('hex');
}

/** The fields of an audit event covered by its hash (exactly the values stored in the row). */
export interface AuditEventHashInput {
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
}

export function auditEventHash(prevHash: string, e: AuditEventHashInput): string {
  return chainHash(prevHash, {
    stream: e.stream,
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    data: e.data,
    requestId: e.requestId,
  });
}

/** What a checkpoint seals: the head of every stream changed since the previous checkpoint. */
export type CheckpointHeads = Record<string, { seq: number; hash: string }>;

export interface AuditCheckpointHashInput {
  createdAt: Date;
  upToEventId: string;
  heads: CheckpointHeads;
}

export function auditCheckpointHash(prevHash: string, c: AuditCheckpointHashInput): string {
  return chainHash(prevHash, {
    createdAt: c.createdAt.toISOString(),
    upToEventId: c.upToEventId,
    heads: c.heads,
  });
}
