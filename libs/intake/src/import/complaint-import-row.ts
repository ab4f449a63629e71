import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, IP_TYPES, startOfShanghaiDay } from '@app/domain';
import type { ComplaintInput } from '../complaint-input';
import { COMPLAINT_IMPORT_COLUMNS, importColumnName, type ImportField } from './complaint-import-columns';
import { isBlank, type ImportCell, type ImportRow, type ParsedImportFile } from './complaint-import-file';

/**
 * Turning one row of an import file into the complaint input, checking what only the import knows: the other
 * system's labels, yes/no words, receipt times, lengths. The complaint service's own checks come on top.
 */

export interface ImportRowError {
  /** The complaint field (or `row`); `column` is the header as the file has it, for the person fixing it. */
  field: string;
  column: string | null;
  code: string;
  message: string;
  messageZh: string;
}

/** Asia/Shanghai is UTC+8 all year. */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const EARLIEST = startOfShanghaiDay('2000-01-01').getTime();

/** Shanghai wall-clock time → the instant (China has one fixed offset, UTC+8). Null for an impossible date. */
function shanghaiInstant(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date | null {
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return null;
  }
  return new Date(utc - OFFSET_MS);
}

const DATE_TIME =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.(\d{1,6}))?秒?)?分?)?$/;

/**
 * The other system's receipt time, read as Asia/Shanghai time unless it carries an offset: ISO 8601,
 * `yyyy-MM-dd HH:mm[:ss]`, `yyyy/M/d H:mm`, `yyyy年M月d日 H:mm`, a date alone (00:00), or an Excel date.
 */
export function parseReceivedAt(v: ImportCell, date1904 = false): Date | null {
  if (v instanceof Date) {
    // exceljs gives the cell's wall-clock time as if it were UTC.
    return Number.isNaN(v.getTime()) ? null : new Date(v.getTime() - OFFSET_MS);
  }
  if (typeof v === 'number') {
    // An Excel serial date that lost its date format (days since 1899-12-30, or 1904-01-01).
    if (!(v > 1 && v < 2958466)) return null;
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
    return new Date(epoch + Math.round(v * 86400000) - OFFSET_MS);
  }
  if (typeof v !== 'string') return null;
  const s = v.trim();
  const iso = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|([+-]\d{2}):?(\d{2}))$/i.exec(s);
  if (iso) {
    const d = new Date(`${iso[1]}${iso[2].toUpperCase() === 'Z' ? 'Z' : `${iso[3]}:${iso[4]}`}`);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac] = m;
  return shanghaiInstant(
    +y,
    +mo,
    +d,
    h ? +h : 0,
    mi ? +mi : 0,
    sec ? +sec : 0,
    frac ? Math.round(+`0.${frac}` * 1000) : 0,
  );
}

const norm = (s: string) => s.replace(/[\s\u3000]/g, '').toLowerCase();

/** Codes, Chinese and English labels, and a few words other systems use, for each vocabulary. */
function vocabulary(
  list: readonly { code: string; zh: string; en: string }[],
  extra: Record<string, string>,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const x of list) for (const k of [x.code, x.zh, x.en]) map.set(norm(k), x.code);
  for (const [k, code] of Object.entries(extra)) map.set(norm(k), code);
  return map;
}

const CHANNELS = vocabulary(COMPLAINT_CHANNELS, {
  电话: 'phone',
  '12330': 'phone',
  热线: 'phone',
  热线电话: 'phone',
  网上: 'web',
  网络: 'web',
  网站: 'web',
  网页: 'web',
  微信公众号: 'wechat',
  邮件: 'email',
  邮箱: 'email',
  来访: 'walk_in',
  窗口: 'walk_in',
  现场: 'walk_in',
  展会: 'trade_fair',
});
const CATEGORIES = vocabulary(COMPLAINT_CATEGORIES, { 援助: 'assistance' });
const IP_TYPE_WORDS = vocabulary(IP_TYPES, {
  发明: 'patent_invention',
  实用新型: 'patent_utility',
  外观设计: 'patent_design',
  外观: 'patent_design',
  注册商标: 'trademark',
  版权: 'copyright',
  软件著作权: 'copyright_software',
  软著: 'copyright_software',
  植物新品种: 'plant_variety',
});
const YES = new Set(['是', 'y', 'yes', 'true', '1', '匿名', '保密']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '实名', '不保密']);

/** The cell as text (numbers as Excel shows them without a format; dates as ISO). */
function textOf(v: ImportCell | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

export interface PreparedRow {
  externalRef: string | null;
  input: ComplaintInput;
  receivedAt: Date | undefined;
  /** What the file itself gets wrong (the service's own checks come on top). */
  errors: ImportRowError[];
}

/** One row → the complaint input, checking what only the import knows: labels, booleans, times, lengths. */
export function prepareRow(
  row: ImportRow,
  headers: ParsedImportFile['headers'],
  now: Date,
  date1904 = false,
): PreparedRow {
  const errors: ImportRowError[] = [];
  const err = (field: string, code: string, message: string, messageZh: string) =>
    errors.push({ field, column: importColumnName(headers, field), code, message, messageZh });
  const text: Partial<Record<ImportField, string>> = {};
  for (const c of COMPLAINT_IMPORT_COLUMNS) {
    const t = textOf(row.values[c.field]);
    if (t === undefined || t === '') continue;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(t)) {
      err(c.field, 'CONTROL_CHARACTERS', 'Contains control characters', '含有不可见的控制字符');
      continue;
    }
    if (t.length > c.maxLength) {
      err(c.field, 'TOO_LONG', `At most ${c.maxLength} characters`, `不超过${c.maxLength}个字符`);
      continue;
    }
    text[c.field] = t;
  }
  if (row.overflow) {
    errors.push({
      field: 'row',
      column: null,
      code: 'EXTRA_CELLS',
      message: 'The row has more cells than the header; check for a misplaced delimiter',
      messageZh: '该行的单元格多于表头，可能有多余的分隔符或错位',
    });
  }

  const externalRef = text.externalRef ?? null;
  if (!externalRef && !errors.some((e) => e.field === 'externalRef')) {
    err('externalRef', 'REQUIRED', "Give the source system's number", '请填写原工单编号');
  }

  const pick = (field: 'channel' | 'category' | 'ipType', words: Map<string, string>, labels: string) => {
    const raw = text[field];
    if (!raw) return undefined;
    const code = words.get(norm(raw));
    if (!code) {
      err(field, 'UNKNOWN_VALUE', `"${raw}" is not one of: ${labels}`, `“${raw}”无法识别，可填：${labels}`);
      return raw;
    }
    return code;
  };
  const channel = pick('channel', CHANNELS, COMPLAINT_CHANNELS.map((c) => c.zh).join('、'));
  const category = pick('category', CATEGORIES, COMPLAINT_CATEGORIES.map((c) => c.zh).join('、'));
  const ipType = pick('ipType', IP_TYPE_WORDS, IP_TYPES.map((c) => c.zh).join('、'));

  const flag = (field: 'anonymous' | 'confidential') => {
    const raw = text[field];
    if (!raw) return undefined;
    const k = norm(raw);
    if (YES.has(k)) return true;
    if (NO.has(k)) return false;
    err(field, 'UNKNOWN_VALUE', `"${raw}": write 是 or 否`, `“${raw}”无法识别，请填“是”或“否”`);
    return undefined;
  };

  let receivedAt: Date | undefined;
  const rawTime = row.values.receivedAt;
  if (!errors.some((e) => e.field === 'receivedAt')) {
    if (rawTime === undefined || isBlank(rawTime)) {
      err('receivedAt', 'REQUIRED', 'Give the time the source system received it', '请填写登记时间');
    } else {
      const at = parseReceivedAt(rawTime, date1904);
      if (!at) {
        err(
          'receivedAt',
          'INVALID',
          `"${textOf(rawTime)}" is not a time (e.g. 2026-11-20 09:30)`,
          `“${textOf(rawTime)}”不是有效的时间（例如 2026-11-20 09:30）`,
        );
      } else if (at.getTime() > now.getTime()) {
        err('receivedAt', 'IN_FUTURE', 'The time is in the future', '登记时间晚于当前时间');
      } else if (at.getTime() < EARLIEST) {
        err('receivedAt', 'TOO_EARLY', 'The time is before 2000', '登记时间早于2000年，请核对');
      } else receivedAt = at;
    }
  }

  const input: ComplaintInput = {
    channel: channel ?? '',
    category: category ?? '',
    anonymous: flag('anonymous'),
    confidential: flag('confidential'),
    complainantName: text.complainantName,
    complainantPhone: text.complainantPhone,
    complainantIdNumber: text.complainantIdNumber,
    complainantUscc: text.complainantUscc,
    complainantOrg: text.complainantOrg,
    complainantEmail: text.complainantEmail,
    respondentName: text.respondentName,
    respondentUscc: text.respondentUscc,
    respondentAddress: text.respondentAddress,
    respondentShop: text.respondentShop,
    respondentPlatform: text.respondentPlatform,
    respondentUrl: text.respondentUrl,
    ipType,
    rightNumber: text.rightNumber,
    regionCode: text.regionCode,
    description: text.description ?? '',
  };
  return { externalRef, input, receivedAt, errors };
}
