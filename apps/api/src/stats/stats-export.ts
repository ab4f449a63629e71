import type { Indicators, StatsGroup, StatsRow, WorkloadRow } from '@app/stats';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { PassThrough, Readable } from 'node:stream';
import { contentDisposition } from '../http/content-disposition';

type Kind = 'count' | 'rate' | 'wd' | 'yuan' | 'score' | 'text';
export interface Column<T> {
  header: string;
  kind: Kind;
  value: (row: T) => string | number | null | undefined;
}

/** Chinese headers of the indicators, with how each is formatted. */
const INDICATOR_COLUMNS: [keyof Indicators, string, Kind][] = [
  ['casesReceived', '登记案件', 'count'],
  ['casesFiled', '立案', 'count'],
  ['casesClosed', '结案', 'count'],
  ['casesNotFiled', '不予立案', 'count'],
  ['closingRate', '结案率', 'rate'],
  ['closingDue', '期限届满或完成', 'count'],
  ['closedOnTime', '按期办结', 'count'],
  ['onTimeRate', '按期办结率', 'rate'],
  ['handled', '计算周期案件', 'count'],
  ['handlingP50Wd', '办案周期中位数（工作日）', 'wd'],
  ['handlingP90Wd', '办案周期P90（工作日）', 'wd'],
  ['handlingMeanWd', '平均办案周期（工作日，扣除中止）', 'wd'],
  ['handlingMeanGrossWd', '平均办案周期（工作日，含中止）', 'wd'],
  ['fines', '罚款案件', 'count'],
  ['finesSumYuan', '罚款总额（元）', 'yuan'],
  ['fineMedianYuan', '罚款中位数（元，估算）', 'yuan'],
  ['referralsSent', '移送协作发出', 'count'],
  ['referralsReceived', '移送协作收到', 'count'],
  ['referralResponseMeanWd', '平均响应用时（工作日）', 'wd'],
  ['criminalTransfers', '移送公安', 'count'],
  ['policeFiled', '公安立案', 'count'],
  ['policeAcceptanceRate', '公安立案率', 'rate'],
  ['complaintsReceived', '收到投诉举报', 'count'],
  ['complaintsAccepted', '受理', 'count'],
  ['complaintsRefused', '不予受理', 'count'],
  ['complaintsAnswered', '答复', 'count'],
  ['complaintsTransferred', '移送管辖', 'count'],
  ['complaintsDecidedOnTimeRate', '按时受理率', 'rate'],
  ['callbacks', '回访', 'count'],
  ['satisfactionMean', '平均满意度（1–5）', 'score'],
  ['satisfiedShare', '满意率（4–5分）', 'rate'],
  ['listingsPublished', '列入严重失信名单', 'count'],
  ['listingsRemoved', '移出名单', 'count'],
];

const GROUP_HEADERS: Record<StatsGroup, string> = {
  month: '月份',
  ipType: '知识产权类型',
  region: '地区',
  office: '办案机关',
  procedure: '程序',
  source: '案件来源',
};

export function breakdownColumns(by: StatsGroup[]): Column<StatsRow>[] {
  return [
    ...by.map((g) => ({
      header: `${GROUP_HEADERS[g]}代码`,
      kind: 'text' as Kind,
      value: (r: StatsRow) => r[g],
    })),
    { header: '名称', kind: 'text', value: (r) => r.label },
    ...INDICATOR_COLUMNS.map(([k, header, kind]) => ({ header, kind, value: (r: StatsRow) => r[k] })),
  ];
}

export const WORKLOAD_COLUMNS: Column<WorkloadRow>[] = [
  { header: '办案人员', kind: 'text', value: (r) => r.name },
  { header: '在办案件', kind: 'count', value: (r) => r.open },
  { header: '其中超期', kind: 'count', value: (r) => r.overdue },
  { header: '期内结案', kind: 'count', value: (r) => r.closed },
  { header: '期限届满或完成', kind: 'count', value: (r) => r.closingDue },
  { header: '按期办结率', kind: 'rate', value: (r) => r.onTimeRate },
  { header: '平均办案周期（工作日）', kind: 'wd', value: (r) => r.handlingMeanWd },
];

const NUM_FMT: Record<Kind, string | undefined> = {
  count: '#,##0',
  rate: '0.0%',
  wd: '0.0',
  yuan: '#,##0.00',
  score: '0.00',
  text: undefined,
};

function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Formula injection: a cell a spreadsheet would evaluate starts with a quote.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV (UTF-8 with BOM so Excel reads the Chinese), produced row by row. */
export function* csvLines<T>(columns: Column<T>[], rows: Iterable<T>): Generator<string> {
  yield '\uFEFF' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n';
  for (const row of rows) yield columns.map((c) => csvCell(c.value(row))).join(',') + '\r\n';
}

/** XLSX through exceljs' streaming writer: Chinese headers, the header row frozen, number formats per column. */
export function xlsxStream<T>(sheetName: string, columns: Column<T>[], rows: Iterable<T>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: Math.max(10, Math.min(40, c.header.length * 2 + 2)),
    style: NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for (const row of rows) {
        sheet.addRow(columns.map((c) => c.value(row) ?? null)).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (e) {
      out.destroy(e as Error);
    }
  })();
  return out;
}

export function sendTable<T>(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  name: string,
  columns: Column<T>[],
  rows: Iterable<T>,
): FastifyReply {
  const file = `${name}.${format}`;
  reply.header('content-disposition', contentDisposition(file)).header('cache-control', 'no-store');
  if (format === 'csv') {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .send(Readable.from(csvLines(columns, rows)));
  }
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(xlsxStream(name.slice(0, 31), columns, rows));
}
