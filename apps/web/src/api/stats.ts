/**
 * 统计分析: indicators over a region subtree (the supervisor's own by default; an admin's: the country) for whole
 * months, read from the monthly summaries. Rates are 0–1 (null when undefined), times in working days, fines in
 * yuan. The breakdown and workload tables also download as CSV (UTF-8 with BOM) or XLSX.
 */
import { http } from './http';
import type { components } from './schema';

type Schemas = components['schemas'];

export type StatsScope = Schemas['StatsScopeDto'];
export type Indicators = Schemas['IndicatorsDto'];
export type IndicatorKey = keyof Indicators;
export type StatsSummary = Schemas['StatsSummaryDto'];
export type HistogramBucket = Schemas['HistogramBucketDto'];
export type StatsRow = Schemas['StatsRowDto'];
export type StatsBreakdown = Schemas['StatsBreakdownDto'];
export type WorkloadRow = Schemas['WorkloadRowDto'];
export type StatsWorkload = Schemas['StatsWorkloadDto'];

export const STATS_GROUPS = ['month', 'ipType', 'region', 'office', 'procedure', 'source'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export type ExportFormat = 'csv' | 'xlsx';

/** The region subtree, whole months (`YYYY-MM`) and optional filters of every statistics query. */
export interface StatsQuery {
  /** a 6-digit region code; omitted: the reader's own scope */
  region?: string;
  from?: string;
  to?: string;
  ipType?: string;
  procedure?: string;
  source?: string;
  officeId?: string;
}

const ACCEPT: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export const statsApi = {
  /** KPIs of the period and the one before, open and overdue now, the handling-time histogram. */
  summary: (query: StatsQuery, signal?: AbortSignal) =>
    http.get<StatsSummary>('/stats/summary', { ...query }, signal),
  /** Indicators per group: one or two of month, ipType, region (the scope's child regions), office, … */
  breakdown: (query: StatsQuery, by: readonly StatsGroup[], signal?: AbortSignal) =>
    http.get<StatsBreakdown>('/stats/breakdown', { ...query, by: by.join(',') }, signal),
  /** The officers of one office: open and overdue now, what they closed in the period. */
  workload: (query: StatsQuery & { officeId: string }, signal?: AbortSignal) =>
    http.get<StatsWorkload>('/stats/workload', { ...query }, signal),
  /** Downloads the breakdown table (the server names the file); answers with the file's name. */
  exportBreakdown: (query: StatsQuery, by: readonly StatsGroup[], format: ExportFormat) =>
    http.download(
      '/stats/breakdown',
      { ...query, by: by.join(','), format },
      `统计-${by.join('-')}.${format}`,
      ACCEPT[format],
    ),
  /** Downloads the officers' workload table of one office. */
  exportWorkload: (query: StatsQuery & { officeId: string }, format: ExportFormat) =>
    http.download('/stats/workload', { ...query, format }, `办案人员工作量.${format}`, ACCEPT[format]),
};
