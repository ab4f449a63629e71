import { DomainError } from '@app/domain';
import { CsvError, parse, type Info } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import {
  COMPLAINT_IMPORT_COLUMNS,
  COMPLAINT_IMPORT_LIMITS,
  type ImportColumn,
  type ImportField,
} from './complaint-import-columns';

/**
 * Reading an uploaded export (CSV or XLSX) as a whole: format, encoding, header, size. What comes out is rows of
 * cells by field; a file that cannot be imported at all is refused here with a DomainError (400 / 413).
 */

export type ImportCell = string | number | boolean | Date;

export interface ImportRow {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  line: number;
  values: Partial<Record<ImportField, ImportCell>>;
  /** Non-empty cells beyond the last header (a misaligned row). */
  overflow: boolean;
}

export interface ParsedImportFile {
  format: 'csv' | 'xlsx';
  /** How a CSV was decoded (`utf-8`, `gb18030`, `utf-16le`); null for XLSX. */
  encoding: string | null;
  /** The file's header for each field it has. */
  headers: Partial<Record<ImportField, string>>;
  rows: ImportRow[];
  /** Excel's 1904 date system (serial numbers count from 1904). */
  date1904: boolean;
}

const fileError = (code: string, message: string, messageZh: string, extra: Record<string, unknown> = {}) =>
  new DomainError('VALIDATION_FAILED', `${messageZh} / ${message}`, {
    errors: [{ field: 'file', code, message, messageZh }],
    ...extra,
  });

const tooLarge = (message: string, messageZh: string, extra: Record<string, unknown>) =>
  new DomainError('PAYLOAD_TOO_LARGE', `${messageZh} / ${message}`, extra);

/** Header text as compared: no BOM, no marks of a required column (`*`, `（必填）`), no spaces, lower case. */
function headerKey(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/[（(]\s*必填\s*[)）]/g, '')
    .replace(/[*＊\s\u3000]/g, '')
    .toLowerCase();
}

const HEADER_INDEX: ReadonlyMap<string, ImportColumn> = new Map(
  COMPLAINT_IMPORT_COLUMNS.flatMap((c) => [c.zh, ...c.aliases].map((h) => [headerKey(h), c] as const)),
);

/**
 * Maps the header row to fields. Unknown, duplicate or missing required columns refuse the file, naming them all.
 * Returns, per cell position, the field it holds (null for a blank header over blank cells).
 */
function mapHeaders(raw: string[]): { fields: (ImportField | null)[]; headers: ParsedImportFile['headers'] } {
  const fields: (ImportField | null)[] = [];
  const headers: ParsedImportFile['headers'] = {};
  const unknown: string[] = [];
  const duplicate: string[] = [];
  raw.forEach((h, i) => {
    const key = headerKey(h);
    if (!key) {
      fields.push(null);
      return;
    }
    const c = HEADER_INDEX.get(key);
    if (!c) unknown.push(h.trim() || `#${i + 1}`);
    else if (headers[c.field]) duplicate.push(h.trim());
    else headers[c.field] = h.trim().replace(/^\uFEFF/, '');
    fields.push(c?.field ?? null);
  });
  const accepted = COMPLAINT_IMPORT_COLUMNS.map((c) => c.zh);
  if (unknown.length) {
    throw fileError(
      'UNKNOWN_COLUMNS',
      `Unknown columns: ${unknown.join(', ')}. Accepted: ${accepted.join(', ')} (or their English field names)`,
      `无法识别的列：${unknown.join('、')}。可用的列：${accepted.join('、')}（也可用英文字段名）`,
      { unknownColumns: unknown, acceptedColumns: accepted },
    );
  }
  if (duplicate.length) {
    throw fileError(
      'DUPLICATE_COLUMNS',
      `Columns given twice: ${duplicate.join(', ')}`,
      `列重复：${duplicate.join('、')}`,
      { duplicateColumns: duplicate },
    );
  }
  const missing = COMPLAINT_IMPORT_COLUMNS.filter((c) => c.required && !headers[c.field]).map((c) => c.zh);
  if (missing.length) {
    throw fileError(
      'MISSING_COLUMNS',
      `Required columns missing: ${missing.join(', ')}`,
      `缺少必需的列：${missing.join('、')}`,
      { missingColumns: missing },
    );
  }
  return { fields, headers };
}

export function isBlank(v: ImportCell | null | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** Builds rows from cells (header already taken off); blank rows are dropped, the rest counted against the limit. */
function toRows(fields: (ImportField | null)[], records: { line: number; cells: (ImportCell | null)[] }[]) {
  const rows: ImportRow[] = [];
  for (const r of records) {
    if (r.cells.every(isBlank)) continue;
    if (rows.length >= COMPLAINT_IMPORT_LIMITS.maxRows) {
      throw tooLarge(
        `The file has more than ${COMPLAINT_IMPORT_LIMITS.maxRows} data rows; split it`,
        `文件超过 ${COMPLAINT_IMPORT_LIMITS.maxRows} 行数据，请拆分后分批导入`,
        { maxRows: COMPLAINT_IMPORT_LIMITS.maxRows },
      );
    }
    const values: ImportRow['values'] = {};
    let overflow = false;
    r.cells.forEach((cell, i) => {
      const field = fields[i];
      if (field) {
        if (!isBlank(cell)) values[field] = cell!;
      } else if (!isBlank(cell)) overflow = true;
    });
    rows.push({ line: r.line, values, overflow });
  }
  if (!rows.length) {
    throw fileError('NO_ROWS', 'The file has no data rows', '文件中没有数据行');
  }
  return rows;
}

/** Reads an uploaded export. Throws DomainError (400 / 413) for a file that cannot be imported as a whole. */
export async function parseComplaintFile(fileName: string, buffer: Buffer): Promise<ParsedImportFile> {
  if (buffer.length > COMPLAINT_IMPORT_LIMITS.maxBytes) {
    throw tooLarge(
      `The file is larger than ${COMPLAINT_IMPORT_LIMITS.maxBytes / 1048576} MiB`,
      `文件超过 ${COMPLAINT_IMPORT_LIMITS.maxBytes / 1048576} MB 上限`,
      { maxBytes: COMPLAINT_IMPORT_LIMITS.maxBytes },
    );
  }
  if (!buffer.length) throw fileError('EMPTY_FILE', 'The file is empty', '文件为空');
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase() ?? '';
  const zip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
  const ole =
    buffer.length >= 8 && buffer.readUInt32LE(0) === 0xe011cfd0 && buffer.readUInt32LE(4) === 0xe11ab1a1;
  if (ole || ext === 'xls') {
    throw fileError(
      'FILE_TYPE',
      'Old Excel (.xls) files are not read: save the sheet as .xlsx or .csv',
      '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 .csv 后导入',
    );
  }
  if (zip) return parseXlsx(buffer);
  if (ext === 'xlsx') {
    throw fileError('FILE_TYPE', 'The file is not a valid .xlsx workbook', '文件不是有效的 .xlsx 工作簿');
  }
  if (!['csv', 'txt', ''].includes(ext)) {
    throw fileError('FILE_TYPE', 'Upload a .csv or .xlsx file', '请上传 .csv 或 .xlsx 文件');
  }
  return parseCsvFile(buffer);
}

// —— CSV ——

/** UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), otherwise GB18030 (a superset of GBK). */
export function decodeText(buffer: Buffer): { text: string; encoding: string } {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(buffer.subarray(3)), encoding: 'utf-8' };
  }
  if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(buffer.subarray(2)), encoding: 'utf-16le' };
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(buffer.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' };
  } catch {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(buffer), encoding: 'gb18030' };
    } catch {
      throw fileError(
        'ENCODING',
        'The text is neither UTF-8 nor GBK/GB18030; save the file as "CSV UTF-8"',
        '无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030），请另存为“CSV UTF-8”后导入',
      );
    }
  }
}

/**
 * RFC 4180 records (csv-parse): quoted fields may hold the delimiter, doubled quotes and line breaks; CRLF, LF or
 * CR end a record, even mixed in one file; a stray quote inside an unquoted field is kept as text, as Excel does;
 * rows may be shorter or longer than the header (the overflow is reported per row). Blank lines are kept, so
 * `line` — csv-parse's record count, not its physical line count, which a cell with a line break would shift —
 * is the row number a spreadsheet shows.
 */
export function parseCsv(text: string, delimiter = ','): { line: number; cells: string[] }[] {
  try {
    const records = parse(text, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      bom: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: Info }[]; // csv-parse's types do not model `info: true`
    return records.map(({ record, info }) => ({ line: info.records, cells: record }));
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    // The record being read when the error struck: the rows before it were complete.
    const row = (typeof e.records === 'number' ? e.records : 0) + 1;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw fileError(
        'CSV_QUOTE',
        `A quoted field opened on row ${row} is never closed`,
        `第 ${row} 行开始的引号没有闭合，请检查文件`,
      );
    }
    throw fileError(
      'CSV_INVALID',
      `Row ${row} cannot be read: ${e.message}`,
      `第 ${row} 行无法读取，请检查文件`,
    );
  }
}

function parseCsvFile(buffer: Buffer): ParsedImportFile {
  const { text, encoding } = decodeText(buffer);
  // Tab-separated text (Excel's "Unicode text") is read too: the header line tells which.
  const firstLine = text.split(/\r\n|\r|\n/, 20).find((l) => l.trim() !== '') ?? '';
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const records = parseCsv(text, delimiter);
  const headerAt = records.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  if (headerAt < 0) throw fileError('NO_ROWS', 'The file has no header row', '文件中没有表头行');
  const { fields, headers } = mapHeaders(records[headerAt].cells);
  return {
    format: 'csv',
    encoding,
    headers,
    rows: toRows(fields, records.slice(headerAt + 1)),
    date1904: false,
  };
}

// —— XLSX ——

/**
 * The total unpacked size an XLSX (a zip) declares in its central directory, or null when it cannot be read.
 * Checked before exceljs unpacks anything, so a small file that inflates to gigabytes is refused.
 */
export function zipUnpackedSize(buf: Buffer): number | null {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || p === 0xffffffff) return Infinity; // ZIP64: far beyond any limit here
  let total = 0;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff) return Infinity;
    total += size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return total;
}

function cellOf(v: ExcelJS.CellValue | ExcelJS.CellRichTextValue): ImportCell | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return v.error;
  if ('hyperlink' in v) return cellOf(v.text as ExcelJS.CellValue);
  if ('formula' in v || 'sharedFormula' in v) return cellOf(v.result ?? null);
  return null;
}

async function parseXlsx(buffer: Buffer): Promise<ParsedImportFile> {
  const unpacked = zipUnpackedSize(buffer);
  if (unpacked === null) {
    throw fileError('FILE_TYPE', 'The file is not a valid .xlsx workbook', '文件不是有效的 .xlsx 工作簿');
  }
  if (unpacked > COMPLAINT_IMPORT_LIMITS.maxXlsxUnpackedBytes) {
    throw tooLarge(
      'The workbook unpacks to more than 100 MiB; export fewer rows or save it as CSV',
      '工作簿解压后超过 100 MB，请减少行数或另存为 CSV',
      { maxUnpackedBytes: COMPLAINT_IMPORT_LIMITS.maxXlsxUnpackedBytes },
    );
  }
  // Loaded on first use: the API and the worker start without it.
  const { Workbook } = await import('exceljs');
  const wb = new Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch {
    throw fileError(
      'FILE_TYPE',
      'The workbook could not be read',
      '无法读取该 Excel 工作簿，请检查文件是否损坏',
    );
  }
  const ws = wb.worksheets[0];
  if (!ws) throw fileError('NO_ROWS', 'The workbook has no worksheet', '工作簿中没有工作表');
  // A cheap early refusal before walking the cells (blank rows are not counted).
  if (ws.actualRowCount > COMPLAINT_IMPORT_LIMITS.maxRows + 1) {
    throw tooLarge(
      `The sheet has more than ${COMPLAINT_IMPORT_LIMITS.maxRows} data rows; split it`,
      `工作表超过 ${COMPLAINT_IMPORT_LIMITS.maxRows} 行数据，请拆分后分批导入`,
      { maxRows: COMPLAINT_IMPORT_LIMITS.maxRows },
    );
  }
  const records: { line: number; cells: (ImportCell | null)[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: (ImportCell | null)[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellOf(row.getCell(c).value));
    records.push({ line, cells });
  });
  const headerAt = records.findIndex((r) => r.cells.some((c) => !isBlank(c)));
  if (headerAt < 0) throw fileError('NO_ROWS', 'The worksheet is empty', '工作表为空');
  const { fields, headers } = mapHeaders(
    records[headerAt].cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c))),
  );
  return {
    format: 'xlsx',
    encoding: null,
    headers,
    rows: toRows(fields, records.slice(headerAt + 1)),
    date1904: wb.properties?.date1904 === true,
  };
}
