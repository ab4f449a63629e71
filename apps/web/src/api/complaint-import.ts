/**
 * 批量导入: complaints from another hotline system's CSV / XLSX export. The server registers each row on its own
 * (a bad row leaves nothing behind) and answers with a report: imported, skipped (imported before — same source
 * system and original number) and rejected rows with their field errors in both languages.
 */
import { http } from './http';
import type { components } from './schema';

type Schemas = components['schemas'];

export type ComplaintImportReport = Schemas['ComplaintImportReportDto'];
export type ImportedRow = Schemas['ImportedRowDto'];
export type SkippedRow = Schemas['SkippedRowDto'];
export type RejectedRow = Schemas['RejectedRowDto'];
export type ImportRowError = Schemas['ImportRowErrorDto'];

/** The server's limits (also checked there): what the picker offers and the size refused before sending. */
export const IMPORT_LIMITS = {
  extensions: ['csv', 'xlsx'],
  maxBytes: 10 * 1024 * 1024,
  maxRows: 5000,
} as const;

/** The source system's name as the server accepts it: letters, digits, _ . - or Chinese, 1–50 characters. */
export const SOURCE_SYSTEM_PATTERN = /^[A-Za-z0-9_.\-\u3400-\u4dbf\u4e00-\u9fff]{1,50}$/;

export const complaintImportApi = {
  /** The text fields first, the file last. `dryRun` checks and routes every row and writes nothing. */
  upload: (file: File, opts: { sourceSystem: string; dryRun: boolean }) => {
    const form = new FormData();
    form.append('sourceSystem', opts.sourceSystem);
    form.append('dryRun', String(opts.dryRun));
    form.append('file', file, file.name);
    return http.post<ComplaintImportReport>('/complaints/import', form);
  },
  /** The CSV template (Chinese header row and an example row), saved by the browser. */
  downloadTemplate: () => http.download('/complaints/import/template', undefined, '投诉批量导入模板.csv'),
};
