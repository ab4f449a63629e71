import type { Page } from '@app/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { auditCsvHeader, auditCsvLine, CSV_BOM } from './audit-csv';
import {
  AUDIT_EVENT_COLUMNS,
  AuditEventFilter,
  AuditEventListQuery,
  AuditEventRecord,
  AuditEventRow,
  toAuditEventRecord,
} from './audit-event';

/** Most rows one CSV export returns (newest first). */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the audit log for the admin UI: filtered, newest first, paginated or as CSV. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly dataSource: DataSource,
  ) {}

  async list(query: AuditEventListQuery): Promise<Page<AuditEventRecord>> {
    const page = Math.max(1, Math.floor(query.page));
    const pageSize = Math.max(1, Math.floor(query.pageSize));
    const { where, params } = whereOf(query);
    const tx = this.txHost.tx;
    const [{ total }] = (await tx.query(
      `SELECT count(*)::int AS total FROM audit_events ${where}`,
      params,
    )) as {
      total: number;
    }[];
    const rows = (await tx.query(
      `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events ${where}
       ORDER BY occurred_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    )) as AuditEventRow[];
    return { items: rows.map(toAuditEventRecord), total, page, pageSize };
  }

  /**
   * The filtered log as CSV text chunks (a header line with a BOM, then one line per event, CRLF-terminated),
   * newest first, fetched in keyset batches so memory stays flat; at most `maxRows` events.
   */
  async *exportCsv(
    filter: AuditEventFilter,
    options: { maxRows?: number; batchSize?: number } = {},
  ): AsyncGenerator<string> {
    const maxRows = options.maxRows ?? AUDIT_EXPORT_MAX_ROWS;
    const batchSize = options.batchSize ?? 1000;
    yield CSV_BOM + auditCsvHeader();
    const { where, params } = whereOf(filter);
    let sent = 0;
    let after: AuditEventRow | undefined;
    while (sent < maxRows) {
      const p = [...params];
      let cond = where;
      if (after) {
        p.push(after.occurred_at.toISOString(), after.id);
        cond += `${where ? ' AND' : 'WHERE'} (occurred_at, id) < ($${p.length - 1}::timestamptz, $${p.length}::bigint)`;
      }
      p.push(Math.min(batchSize, maxRows - sent));
      // The application's connection, not the ambient transaction: the export outlives the request's CLS context.
      const rows = (await this.dataSource.query(
        `SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events ${cond} ORDER BY occurred_at DESC, id DESC LIMIT $${p.length}`,
        p,
      )) as AuditEventRow[];
      if (!rows.length) return;
      yield rows.map((r) => auditCsvLine(toAuditEventRecord(r))).join('');
      sent += rows.length;
      after = rows[rows.length - 1];
    }
  }
}

function whereOf(f: AuditEventFilter): { where: string; params: unknown[] } {
  const conds: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    conds.push(sql(`$${params.length}`));
  };
  if (f.actor) {
    if (UUID.test(f.actor))
      add((n) => `(actor_id = ${n}::text::uuid OR actor_name = ${n}::text)`, f.actor.toLowerCase());
    else add((n) => `actor_name = ${n}`, f.actor);
  }
  if (f.stream) add((n) => `stream = ${n}`, f.stream);
  if (f.action) add((n) => `action = ${n}`, f.action);
  if (f.entityType) add((n) => `entity_type = ${n}`, f.entityType);
  if (f.entityId) add((n) => `entity_id = ${n}`, f.entityId);
  if (f.from) add((n) => `occurred_at >= ${n}::timestamptz`, f.from.toISOString());
  if (f.to) add((n) => `occurred_at < ${n}::timestamptz`, f.to.toISOString());
  return { where: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
}
