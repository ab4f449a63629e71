import { AuditWriter } from '@app/audit';
import type { Actor } from '@app/contracts';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '@app/database';
import { DomainError, type FieldViolation } from '@app/domain';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { ComplaintInput } from '../complaint-input';
import { ComplaintService } from '../complaint.service';
import type { ComplaintView } from '../complaint-view';
import { importColumnName, SOURCE_SYSTEM_PATTERN } from './complaint-import-columns';
import { parseComplaintFile, type ImportRow, type ParsedImportFile } from './complaint-import-file';
import { prepareRow, type ImportRowError, type PreparedRow } from './complaint-import-row';

/**
 * Bulk import of complaints from another hotline system's CSV or XLSX export (issue 5): the file is read and
 * checked as a whole (format, headers, size), then every row is registered through {@link ComplaintService.register}
 * in a transaction of its own — validated, routed, numbered, audited exactly as if typed at the console — so a bad
 * row leaves nothing behind and does not stop the others. A row whose (source system, original number) was imported
 * before is skipped, so importing the same file twice adds nothing.
 */

export interface ComplaintImportFile {
  filename: string;
  buffer: Buffer;
}

export interface ComplaintImportOptions {
  sourceSystem: string;
  /** Validate and route every row, write nothing. */
  dryRun?: boolean;
}

export interface ImportedRow {
  row: number;
  externalRef: string;
  /** Null in a dry run (nothing was numbered for real). */
  id: string | null;
  trackingNo: string | null;
  officeId: string | null;
  officeName: string | null;
  dueDate: string | null;
}

export interface SkippedRow {
  row: number;
  externalRef: string;
  id: string;
  trackingNo: string;
}

export interface RejectedRow {
  row: number;
  externalRef: string | null;
  errors: ImportRowError[];
}

export interface ComplaintImportReport {
  /** The audit event's entity id; null in a dry run (nothing recorded). */
  importId: string | null;
  dryRun: boolean;
  sourceSystem: string;
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  total: number;
  imported: ImportedRow[];
  skipped: SkippedRow[];
  rejected: RejectedRow[];
}

/** Ends a dry-run row's transaction (rolled back) carrying what the row would have become. */
class RollBack extends Error {
  constructor(readonly view: ComplaintView | null) {
    super('rolled back');
  }
}

/** One row's place in the report. */
interface Slot {
  imported?: ImportedRow;
  skipped?: SkippedRow;
  rejected?: RejectedRow;
}

/**
 * Rows registered at once. Each takes a pooled connection for its transaction; four leave the pool (10 by default)
 * to other requests while cutting a 5,000-row import to a fraction of the time.
 */
const ROW_CONCURRENCY = 4;

type RowOutcome =
  | { kind: 'imported'; view: ComplaintView | null }
  | { kind: 'duplicate' }
  | { kind: 'rejected'; errors: FieldViolation[] };

@Injectable()
export class ComplaintImportService {
  private readonly logger = new Logger(ComplaintImportService.name);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly complaints: ComplaintService,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * Imports (or, with `dryRun`, checks) an export file. File-level problems throw (400/413); row-level ones are
   * reported with the row's number and field errors. Each row is its own transaction.
   */
  async import(
    actor: Actor,
    file: ComplaintImportFile,
    opts: ComplaintImportOptions,
  ): Promise<ComplaintImportReport> {
    if (this.txHost.isTransactionActive()) {
      throw new Error('ComplaintImportService.import runs one transaction per row; call it outside one');
    }
    const sourceSystem = String(opts.sourceSystem ?? '').trim();
    if (!SOURCE_SYSTEM_PATTERN.test(sourceSystem)) {
      throw new DomainError('VALIDATION_FAILED', '来源系统名称无效 / Invalid source system name', {
        errors: [
          {
            field: 'sourceSystem',
            code: sourceSystem ? 'INVALID' : 'REQUIRED',
            message: 'Name the source system: 1–50 letters, digits, _ . - or Chinese characters',
            messageZh: '请填写来源系统名称：1–50个字母、数字、_ . - 或汉字',
          },
        ],
      });
    }
    const dryRun = opts.dryRun === true;
    const fileName = String(file.filename ?? '').slice(0, 255);
    const parsed = await parseComplaintFile(fileName, file.buffer);
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const now = new Date();

    const report: ComplaintImportReport = {
      importId: null,
      dryRun,
      sourceSystem,
      fileName,
      sha256,
      format: parsed.format,
      encoding: parsed.encoding,
      total: parsed.rows.length,
      imported: [],
      skipped: [],
      rejected: [],
    };

    const prepared = parsed.rows.map((r) => ({
      row: r,
      ...prepareRow(r, parsed.headers, now, parsed.date1904),
    }));
    const existing = await this.existing(
      sourceSystem,
      prepared.map((p) => p.externalRef).filter((x): x is string => !!x),
    );
    // First pass: what was imported before is skipped; a number repeated in the file is the first row's only.
    type Task = (typeof prepared)[number] & { ref: string | null };
    const firstLine = new Map<string, number>();
    const slots: Slot[] = [];
    const tasks: { task: Task; slot: number }[] = [];
    for (const p of prepared) {
      const line = p.row.line;
      const ref = p.externalRef;
      const prior = ref ? existing.get(ref) : undefined;
      if (ref && prior) {
        slots.push({ skipped: { row: line, externalRef: ref, ...prior } });
        continue;
      }
      const seen = ref ? firstLine.get(ref) : undefined;
      if (ref && seen !== undefined) {
        p.errors.push({
          field: 'externalRef',
          column: parsed.headers.externalRef ?? null,
          code: 'DUPLICATE_IN_FILE',
          message: `The same number as row ${seen}`,
          messageZh: `与第 ${seen} 行的原工单编号重复`,
        });
      } else if (ref) firstLine.set(ref, line);
      // A repeated number is left out, so the unique index does not hide the row's other errors.
      tasks.push({ task: { ...p, ref: seen === undefined ? ref : null }, slot: slots.length });
      slots.push({});
    }

    // Second pass: each row in its own transaction, a few at a time (rows are independent of each other).
    // An unexpected failure (the database gone) stops the others taking new rows; committed rows stay, and a
    // second run of the file skips them.
    let next = 0;
    const worker = async () => {
      while (next < tasks.length) {
        const { task, slot } = tasks[next++];
        try {
          slots[slot] = await this.importRow(actor, task, { sourceSystem, dryRun, headers: parsed.headers });
        } catch (e) {
          next = tasks.length;
          throw e;
        }
      }
    };
    const settled = await Promise.allSettled(
      Array.from({ length: Math.min(ROW_CONCURRENCY, tasks.length) }, worker),
    );
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    for (const s of slots) {
      if (s.imported) report.imported.push(s.imported);
      if (s.skipped) report.skipped.push(s.skipped);
      if (s.rejected) report.rejected.push(s.rejected);
    }

    if (!dryRun) {
      const importId = randomUUID();
      await this.txHost.withTransaction(() =>
        this.audit.record(actor, {
          action: 'complaint.import',
          entityType: 'complaint_import',
          entityId: importId,
          data: {
            sourceSystem,
            fileName,
            sha256,
            sizeBytes: file.buffer.length,
            format: parsed.format,
            encoding: parsed.encoding,
            total: report.total,
            imported: report.imported.length,
            skipped: report.skipped.length,
            rejected: report.rejected.length,
            rejectedRows: report.rejected.slice(0, 200).map((r) => r.row),
          },
        }),
      );
      report.importId = importId;
    }
    return report;
  }

  private async importRow(
    actor: Actor,
    p: PreparedRow & { row: ImportRow; ref: string | null },
    ctx: { sourceSystem: string; dryRun: boolean; headers: ParsedImportFile['headers'] },
  ): Promise<Slot> {
    const line = p.row.line;
    const commit = !ctx.dryRun && p.errors.length === 0;
    const outcome = await this.runRow(
      actor,
      p.input,
      { sourceSystem: ctx.sourceSystem, ref: p.ref, receivedAt: p.receivedAt },
      commit,
    );
    if (outcome.kind === 'duplicate' && p.errors.length === 0 && p.ref) {
      // Another import of the same rows got there first (the unique index caught it).
      const [prior] = (await this.existing(ctx.sourceSystem, [p.ref])).values();
      if (prior) return { skipped: { row: line, externalRef: p.ref, ...prior } };
    }
    const serviceErrors: FieldViolation[] =
      outcome.kind === 'rejected'
        ? outcome.errors
        : outcome.kind === 'duplicate'
          ? [
              {
                field: 'externalRef',
                code: 'CONFLICT',
                message: 'Being imported at the same time; import the file again',
                messageZh: '该工单正被同时导入，请稍后重新导入',
              },
            ]
          : [];
    // The import's own reading of a field (e.g. an unknown label) says more than the service's.
    const own = new Set(p.errors.map((e) => e.field));
    const errors: ImportRowError[] = [
      ...p.errors,
      ...serviceErrors
        .filter((e) => !own.has(e.field))
        .map((e) => ({
          field: e.field,
          column: importColumnName(ctx.headers, e.field),
          code: e.code,
          message: e.message,
          messageZh: e.messageZh,
        })),
    ];
    if (errors.length || outcome.kind !== 'imported') {
      return { rejected: { row: line, externalRef: p.externalRef, errors } };
    }
    const v = outcome.view;
    return {
      imported: {
        row: line,
        externalRef: p.externalRef!,
        id: ctx.dryRun ? null : (v?.id ?? null),
        trackingNo: ctx.dryRun ? null : (v?.trackingNo ?? null),
        officeId: v?.officeId ?? null,
        officeName: v?.officeName ?? null,
        dueDate: v?.dueDate ?? null,
      },
    };
  }

  /** One row in its own transaction: committed, or rolled back on any error and for a dry run. */
  private async runRow(
    actor: Actor,
    input: ComplaintInput,
    origin: { sourceSystem: string; ref: string | null; receivedAt: Date | undefined },
    commit: boolean,
  ): Promise<RowOutcome> {
    try {
      const view = await this.txHost.withTransaction(async () => {
        const v = await this.complaints.register(actor, input, {
          receivedAt: origin.receivedAt,
          ...(origin.ref ? { sourceSystem: origin.sourceSystem, externalRef: origin.ref } : {}),
        });
        if (!commit) throw new RollBack(v);
        return v;
      });
      return { kind: 'imported', view };
    } catch (e) {
      if (e instanceof RollBack) return { kind: 'imported', view: e.view };
      if (e instanceof DomainError) {
        const errors = (e.details?.errors as FieldViolation[] | undefined) ?? [
          {
            field: e.code === 'CALENDAR_NO_DATA' ? 'receivedAt' : 'row',
            code: e.code,
            message: e.message,
            messageZh: e.message,
          },
        ];
        return { kind: 'rejected', errors };
      }
      const code = pgErrorCode(e);
      if (code === PG_UNIQUE_VIOLATION && pgConstraint(e) === 'complaints_external_ref_uq')
        return { kind: 'duplicate' };
      // Data the database refuses (class 22: a value out of range, a bad byte sequence): that row's problem only.
      if (code?.startsWith('22')) {
        this.logger.warn(`import row refused by the database: ${code} ${(e as Error).message}`);
        return {
          kind: 'rejected',
          errors: [
            {
              field: 'row',
              code: 'DATA_REFUSED',
              message: 'The database refused a value of this row',
              messageZh: '该行有数据库无法保存的值，请检查特殊字符或超长内容',
            },
          ],
        };
      }
      throw e;
    }
  }

  /** Complaints already imported from `sourceSystem`, by their original number. */
  private async existing(
    sourceSystem: string,
    refs: string[],
  ): Promise<Map<string, { id: string; trackingNo: string }>> {
    const found = new Map<string, { id: string; trackingNo: string }>();
    if (!refs.length) return found;
    const rows = (await this.txHost.tx.query(
      `SELECT id, tracking_no, external_ref FROM complaints WHERE source_system = $1 AND external_ref = ANY($2::text[])`,
      [sourceSystem, refs],
    )) as { id: string; tracking_no: string; external_ref: string }[];
    for (const r of rows) found.set(r.external_ref, { id: r.id, trackingNo: r.tracking_no });
    return found;
  }
}
