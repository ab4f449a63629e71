import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { PassThrough, Readable } from 'node:stream';
import { contentDisposition } from './content-disposition';

export type CellKind = 'count' | 'rate' | 'wd' | 'yuan' | 'score' | 'text';

/** One column of a downloadable table: its Chinese header, how its numbers are formatted, its value. */
export interface Column<T> {
  header: string;
  kind: CellKind;
  value: (row: T) => string | number | null | undefined;
}

export type ExportFormat = 'csv' | 'xlsx';

/** Rows as they come: an array, or batches from a cursor (any size; memory holds one batch). */
export type Rows<T> = Iterable<T> | AsyncIterable<T[]>;

const NUM_FMT: Record<CellKind, string | undefined> = {
  count: '#,##0',
  rate: '0.0%',
  wd: '0.0',
  yuan: '#,##0.00',
  score: '0.00',
  text: undefined,
};

/** An XLSX sheet holds 1,048,576 rows; longer exports continue on the next sheet. */
export const XLSX_ROWS_PER_SHEET = 1_000_000;

async function* batches<T>(rows: Rows<T>): AsyncGenerator<T[]> {
  if (Symbol.asyncIterator in rows) {
    for await (const batch of rows as AsyncIterable<T[]>) yield batch;
  } else {
    yield [...(rows as Iterable<T>)];
  }
}

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // A text cell a spreadsheet would evaluate as a formula is quoted (CSV injection).
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV (UTF-8 with BOM, so Excel reads the Chinese), produced batch by batch. */
export async function* csvChunks<T>(columns: Column<T>[], rows: Rows<T>): AsyncGenerator<string> {
  yield '\uFEFF' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n';
  for await (const batch of batches(rows)) {
    yield batch.map((row) => columns.map((c) => csvCell(c.value(row))).join(',') + '\r\n').join('');
  }
}

/**
 * XLSX through exceljs' streaming writer: Chinese headers, the header row frozen, number formats per column, rows
 * committed as they come (nothing buffered but the current batch); a new sheet every {@link XLSX_ROWS_PER_SHEET}.
 */
export function xlsxStream<T>(
  sheetName: string,
  columns: Column<T>[],
  rows: Rows<T>,
  rowsPerSheet = XLSX_ROWS_PER_SHEET,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  let sheetNo = 0;
  const addSheet = () => {
    sheetNo++;
    const name = sheetNo === 1 ? sheetName : `${sheetName.slice(0, 26)} (${sheetNo})`;
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({
      header: c.header,
      width: Math.max(10, Math.min(40, c.header.length * 2 + 2)),
      style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {},
    }));
    sheet.getRow(1).font = { bold: true };
    return sheet;
  };
  void (async () => {
    try {
      let sheet = addSheet();
      let inSheet = 0;
      for await (const batch of batches(rows)) {
        for (const row of batch) {
          if (inSheet === rowsPerSheet) {
            sheet.commit();
            sheet = addSheet();
            inSheet = 0;
          }
          sheet.addRow(columns.map((c) => c.value(row) ?? null)).commit();
          inSheet++;
        }
      }
      sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

/** Sends a table as a CSV or XLSX download named `name.<format>`. */
export function sendTable<T>(
  reply: FastifyReply,
  format: ExportFormat,
  name: string,
  columns: Column<T>[],
  rows: Rows<T>,
): FastifyReply {
  reply
    .header('content-disposition', contentDisposition(`${name}.${format}`))
    .header('cache-control', 'no-store');
  if (format === 'csv') {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .send(Readable.from(csvChunks(columns, rows)));
  }
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(xlsxStream(name.slice(0, 31), columns, rows));
}
