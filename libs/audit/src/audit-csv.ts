import type { AuditEventRecord } from './audit-event';

/** Byte-order mark: lets Excel open UTF-8 (Chinese names and texts) correctly. */
export const CSV_BOM = '\uFEFF';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'occurred_at',
  'actor_id',
  'actor_name',
  'action',
  'entity_type',
  'entity_id',
  'stream',
  'seq',
  'data',
  'request_id',
  'hash',
] as const;

const OFFSET_MS = 8 * 60 * 60 * 1000;

/** ISO 8601 in Asia/Shanghai (UTC+8 all year): what officers expect to read in a spreadsheet. */
export function shanghaiIso(d: Date): string {
  return new Date(d.getTime() + OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/**
 * One CSV field (RFC 4180). Text starting with = + - @ or a control character is prefixed with an apostrophe so a
 * spreadsheet never evaluates it as a formula (CSV injection; complaint texts end up in `data`).
 */
export function csvField(value: string | number | null, text = true): string {
  if (value === null) return '';
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

export function auditCsvLine(e: AuditEventRecord): string {
  return (
    [
      csvField(e.id, false),
      csvField(shanghaiIso(e.occurredAt), false),
      csvField(e.actorId),
      csvField(e.actorName),
      csvField(e.action),
      csvField(e.entityType),
      csvField(e.entityId),
      csvField(e.stream),
      csvField(e.seq, false),
      csvField(JSON.stringify(e.data)),
      csvField(e.requestId),
      csvField(e.hash, false),
    ].join(',') + '\r\n'
  );
}
