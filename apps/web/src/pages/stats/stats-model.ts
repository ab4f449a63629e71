import type { IndicatorKey, StatsQuery } from '../../api/stats';
import type { MessageKey } from '../../i18n';
import { shanghaiDate } from '../../lib/format';

/** A month written `YYYY-MM`. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const REGION_CODE = /^\d{6}$/;
/** The longest period the API takes (10 years). */
export const MAX_PERIOD_MONTHS = 120;

/** This month in Asia/Shanghai. */
export function currentMonth(): string {
  return shanghaiDate().slice(0, 7);
}

/** `month` moved by `n` months (negative: back). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first and the last day of a month, `YYYY-MM-DD`. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

export function monthCount(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export type ScopeLevel = 'country' | 'province' | 'city' | 'county';

/** The level of a region code in the GB/T 2260 scheme (province XX0000, city XXXX00); none: the country. */
export function regionLevel(code: string | null | undefined): ScopeLevel {
  if (!code) return 'country';
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** The dashboard's filters, with the period resolved (the 12 months ending this month by default). */
export interface StatsFilters extends StatsQuery {
  from: string;
  to: string;
}

/** The filters read from a URL query; bad or missing months fall back to the default period. */
export function filtersFrom(get: (key: string) => string | undefined): StatsFilters {
  const region = get('region');
  let to = get('to');
  let from = get('from');
  if (!to || !MONTH.test(to)) to = currentMonth();
  if (!from || !MONTH.test(from) || from > to) from = addMonths(to, -11);
  if (monthCount(from, to) > MAX_PERIOD_MONTHS) from = addMonths(to, -(MAX_PERIOD_MONTHS - 1));
  return {
    region: region && REGION_CODE.test(region) ? region : undefined,
    from,
    to,
    ipType: get('ipType') || undefined,
    procedure: get('procedure') || undefined,
    source: get('source') || undefined,
    officeId: get('officeId') || undefined,
  };
}

export type DateField = 'filed' | 'closed' | 'received';

/** What a click on a chart or a table row narrows the dashboard's filters to. */
export interface DrillTarget {
  regionCode?: string | null;
  officeId?: string;
  ipType?: string;
  dateField: DateField;
  /** whole months: the case list gets the first day of `from` and the last of `to` */
  from: string;
  to: string;
}

/**
 * The case list filtered like the dashboard and narrowed to the target:
 * `/cases?regionCode=&officeId=&ipType=&procedure=&source=&dateField=&from=YYYY-MM-DD&to=YYYY-MM-DD`.
 * `scopeRegion` is the region the figures cover (the dashboard's, or the reader's own; null: the country).
 */
export function casesHref(filters: StatsFilters, scopeRegion: string | null, target: DrillTarget): string {
  const params = new URLSearchParams();
  const set = (key: string, value: string | null | undefined) => {
    if (value) params.set(key, value);
  };
  set('regionCode', target.regionCode ?? filters.region ?? scopeRegion);
  set('officeId', target.officeId ?? filters.officeId);
  set('ipType', target.ipType ?? filters.ipType);
  set('procedure', filters.procedure);
  set('source', filters.source);
  set('dateField', target.dateField);
  // 结案 counts closed and archived cases; a case not filed also carries the day it left as its closing date.
  if (target.dateField === 'closed') set('status', 'closed,archived');
  set('from', monthStart(target.from));
  set('to', monthEnd(target.to));
  return `/cases?${params.toString()}`;
}

export type IndicatorKind = 'count' | 'rate' | 'wd' | 'yuan' | 'score';

/** The indicators a ranking or a table can show, with how each is written. */
export const INDICATORS: Partial<Record<IndicatorKey, { label: MessageKey; kind: IndicatorKind }>> = {
  casesReceived: { label: 'stats.ind.casesReceived', kind: 'count' },
  casesFiled: { label: 'stats.ind.casesFiled', kind: 'count' },
  casesClosed: { label: 'stats.ind.casesClosed', kind: 'count' },
  closingRate: { label: 'stats.ind.closingRate', kind: 'rate' },
  onTimeRate: { label: 'stats.ind.onTimeRate', kind: 'rate' },
  handlingP50Wd: { label: 'stats.ind.handlingP50Wd', kind: 'wd' },
  handlingMeanWd: { label: 'stats.ind.handlingMeanWd', kind: 'wd' },
  fines: { label: 'stats.ind.fines', kind: 'count' },
  finesSumYuan: { label: 'stats.ind.finesSumYuan', kind: 'yuan' },
  criminalTransfers: { label: 'stats.ind.criminalTransfers', kind: 'count' },
  referralsSent: { label: 'stats.ind.referralsSent', kind: 'count' },
  complaintsAccepted: { label: 'stats.ind.complaintsAccepted', kind: 'count' },
  satisfactionMean: { label: 'stats.ind.satisfactionMean', kind: 'score' },
};

/** The indicators a ranking can be ordered by. */
export const RANK_BY: readonly IndicatorKey[] = [
  'casesFiled',
  'casesClosed',
  'closingRate',
  'onTimeRate',
  'handlingP50Wd',
  'finesSumYuan',
  'criminalTransfers',
  'casesReceived',
];

export type BreakdownView = 'regions' | 'offices';
