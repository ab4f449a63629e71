import { shanghaiDate } from '@app/domain';
import type { ComplaintInput } from '../complaint-input';

/** The columns an import file may have, its limits, and the template that shows them (issue 5). */

export type ImportField = keyof Omit<ComplaintInput, 'officeId'> | 'externalRef' | 'receivedAt';

export interface ImportColumn {
  field: ImportField;
  /** The header as the other system (and our template) writes it. */
  zh: string;
  /** Other accepted headers (the English field name is always accepted, case-insensitive). */
  aliases: readonly string[];
  /** A file without this column is refused as a whole. */
  required: boolean;
  /** Longest accepted text (as the console's form). */
  maxLength: number;
  example: string;
}

const col = (
  field: ImportField,
  zh: string,
  maxLength: number,
  example: string,
  opts: { required?: boolean; aliases?: string[] } = {},
): ImportColumn => ({
  field,
  zh,
  aliases: [field, field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), ...(opts.aliases ?? [])],
  required: opts.required ?? false,
  maxLength,
  example,
});

/** The accepted columns, in the template's order. Values may be codes or the Chinese labels of the catalogs. */
export const COMPLAINT_IMPORT_COLUMNS: readonly ImportColumn[] = [
  col('externalRef', '原工单编号', 100, 'RX-2026-000123', { required: true }),
  col('channel', '来源渠道', 40, '12330电话', { required: true }),
  col('category', '诉求类型', 40, '投诉', { required: true }),
  col('receivedAt', '登记时间', 40, '', { required: true }),
  col('anonymous', '是否匿名', 10, '否'),
  col('confidential', '是否保密', 10, '否'),
  col('complainantName', '投诉人', 100, '张三'),
  col('complainantPhone', '联系电话', 30, '13800138000'),
  col('complainantIdNumber', '证件号码', 40, ''),
  col('complainantUscc', '投诉人信用代码', 40, ''),
  col('complainantOrg', '投诉人单位', 200, ''),
  col('complainantEmail', '电子邮箱', 200, ''),
  col('respondentName', '被投诉人', 200, '杭州某某贸易有限公司'),
  col('respondentUscc', '被投诉人信用代码', 40, '91330106MA2CFXX47J'),
  col('respondentAddress', '被投诉人地址', 300, '杭州市西湖区某某路1号'),
  col('respondentShop', '网店名称', 200, ''),
  col('respondentPlatform', '平台', 100, ''),
  col('respondentUrl', '网址', 1000, ''),
  col('ipType', '知识产权类型', 40, '商标'),
  col('rightNumber', '权利号', 64, '1234567'),
  col('regionCode', '发生地区划代码', 6, '330106'),
  col('description', '诉求内容', 20000, '在西湖区某茶叶店发现假冒“西湖龙井”商标的茶叶', { required: true }),
];

export const COMPLAINT_IMPORT_LIMITS = {
  /** The uploaded file. */
  maxBytes: 10 * 1024 * 1024,
  /** Data rows (the header and blank rows not counted). */
  maxRows: 5000,
  /** Everything inside an XLSX (a zip): what exceljs would unpack into memory. */
  maxXlsxUnpackedBytes: 100 * 1024 * 1024,
} as const;

/** The source system's name: letters, digits, _ . - or Chinese, 1–50 characters. */
export const SOURCE_SYSTEM_PATTERN = /^[A-Za-z0-9_.\-\u3400-\u4dbf\u4e00-\u9fff]{1,50}$/;

/** The column a field is reported under: the file's own header for it, else the template's. */
export function importColumnName(
  headers: Partial<Record<ImportField, string>>,
  field: string,
): string | null {
  return headers[field as ImportField] ?? COMPLAINT_IMPORT_COLUMNS.find((c) => c.field === field)?.zh ?? null;
}

/** The CSV template: the Chinese header row and one example row, UTF-8 with a BOM so Excel opens it right. */
export function complaintImportTemplate(now = new Date()): Buffer {
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const yesterday = shanghaiDate(new Date(now.getTime() - 86400000));
  const example = COMPLAINT_IMPORT_COLUMNS.map((c) =>
    c.field === 'receivedAt' ? `${yesterday} 09:30` : c.example,
  );
  const lines = [COMPLAINT_IMPORT_COLUMNS.map((c) => c.zh), example].map((l) => l.map(quote).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
