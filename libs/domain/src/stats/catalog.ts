import type { Labelled } from '../cases/catalog';

/**
 * Supervisor statistics (domain.md §7): the indicators, what each counts, and the month it counts in. Every figure
 * is a sum over monthly summary cells (one row per month × region × office × IP type × procedure × source), so a
 * period is a range of whole months and every indicator here is additive — rates and means are computed from the
 * summed parts, percentiles from summed histograms.
 *
 * A case counts in the month of the event the indicator is about (filed in the month of 立案, closed in the month of
 * 结案 …); where a case now is decides its region and office, so a case transferred to another office counts there.
 */

/** The monthly counters kept per cell. `family` says which filters apply (complaints have no procedure or source). */
export const STATS_COUNTERS = [
  // Cases (attributed to the case's current region and office; IP type, procedure and source of the case).
  { code: 'cases_received', family: 'case', zh: '登记案件', en: 'Cases registered', month: 'received_on' },
  { code: 'cases_filed', family: 'case', zh: '立案', en: 'Cases filed', month: 'filed_on' },
  {
    code: 'cases_closed',
    family: 'case',
    zh: '结案',
    en: 'Cases closed',
    month: 'closed_on (closed, archived)',
  },
  {
    code: 'cases_not_filed',
    family: 'case',
    zh: '不予立案',
    en: 'Not filed',
    month: 'closed_on (not_filed)',
  },
  {
    code: 'closing_due',
    family: 'case',
    zh: '办案期限届满或完成',
    en: 'Closing limits ended',
    month: "the closing limit's met date",
  },
  { code: 'closing_on_time', family: 'case', zh: '按期办结', en: 'Closed on time', month: 'as closing_due' },
  {
    code: 'handled',
    family: 'case',
    zh: '计算办案周期的案件',
    en: 'Cases with a handling time',
    month: 'closed_on',
  },
  {
    code: 'handled_wd',
    family: 'case',
    zh: '办案周期合计（工作日，扣除中止）',
    en: 'Handling WD, net',
    month: 'closed_on',
  },
  {
    code: 'handled_gross_wd',
    family: 'case',
    zh: '办案周期合计（工作日，含中止）',
    en: 'Handling WD, gross',
    month: 'closed_on',
  },
  { code: 'fines', family: 'case', zh: '罚款案件', en: 'Cases fined', month: 'decided_on' },
  { code: 'fines_fen', family: 'case', zh: '罚款金额（分）', en: 'Fines (fen)', month: 'decided_on' },
  // Referrals: `sent` counts at the sending office, `received` at the receiving one (case dimensions when a case).
  { code: 'referrals_sent', family: 'case', zh: '移送/协作发出', en: 'Referrals sent', month: 'sent_at' },
  {
    code: 'referrals_received',
    family: 'case',
    zh: '移送/协作收到',
    en: 'Referrals received',
    month: 'sent_at',
  },
  {
    code: 'referral_responses',
    family: 'case',
    zh: '已响应的移送',
    en: 'Referrals answered',
    month: 'sent_at',
  },
  {
    code: 'referral_response_wd',
    family: 'case',
    zh: '响应用时合计（工作日）',
    en: 'Response WD',
    month: 'sent_at',
  },
  { code: 'criminal_transfers', family: 'case', zh: '移送公安', en: 'Criminal transfers', month: 'sent_at' },
  { code: 'police_filed', family: 'case', zh: '公安已立案', en: 'Police opened a case', month: 'sent_at' },
  // Complaints (12330): no procedure or source; the complaint's region (the respondent's) or its office's.
  {
    code: 'complaints_received',
    family: 'complaint',
    zh: '收到投诉举报',
    en: 'Complaints received',
    month: 'received_on',
  },
  { code: 'complaints_accepted', family: 'complaint', zh: '受理', en: 'Accepted', month: 'decided_at' },
  {
    code: 'complaints_refused',
    family: 'complaint',
    zh: '不予受理',
    en: 'Not accepted',
    month: 'decided_at',
  },
  { code: 'complaints_answered', family: 'complaint', zh: '答复/告知', en: 'Answered', month: 'decided_at' },
  {
    code: 'complaints_decided_on_time',
    family: 'complaint',
    zh: '按时限作出受理决定',
    en: 'Decided within the limit',
    month: 'decided_at',
  },
  {
    code: 'complaints_transferred',
    family: 'complaint',
    zh: '移送管辖',
    en: 'Transferred',
    month: 'sent_at',
  },
  { code: 'callbacks', family: 'complaint', zh: '回访', en: 'Callbacks', month: 'callback_at' },
  {
    code: 'satisfaction_sum',
    family: 'complaint',
    zh: '满意度评分合计',
    en: 'Sum of ratings',
    month: 'callback_at',
  },
  { code: 'satisfied', family: 'complaint', zh: '满意（4–5分）', en: 'Rated 4–5', month: 'callback_at' },
  // Credit listings (issue 7): at the listing office; the IP type when the listing names one.
  {
    code: 'listings_published',
    family: 'listing',
    zh: '列入严重失信名单',
    en: 'Listings published',
    month: 'published_at',
  },
  {
    code: 'listings_removed',
    family: 'listing',
    zh: '移出名单',
    en: 'Listings removed',
    month: 'removed_at',
  },
] as const satisfies readonly (Labelled & { code: string; family: string; month: string })[];
export type StatsCounter = (typeof STATS_COUNTERS)[number]['code'];
export const STATS_COUNTER_CODES = STATS_COUNTERS.map((c) => c.code) as StatsCounter[];
export type StatsFamily = (typeof STATS_COUNTERS)[number]['family'];

/**
 * Histogram bucket lower bounds (the last bucket is open-ended). Handling time in working days: 5-WD steps up to
 * 60 (the 90-day penalty limit is about 60 WD), 10 to 100, then coarser; fines in yuan on a 1-2-5 scale. A
 * percentile is read by linear interpolation inside its bucket (`histogramPercentile`), so it is exact to the
 * bucket's width.
 */
export const HANDLING_WD_BUCKETS = [
  0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 70, 80, 90, 100, 120, 140, 160, 180, 200, 250, 300, 400,
] as const;
export const FINE_YUAN_BUCKETS = [
  0, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 50_000, 100_000, 200_000, 300_000, 500_000, 1_000_000,
  2_000_000, 5_000_000, 10_000_000,
] as const;

/** Index of the bucket holding `value` (bounds are lower bounds, ascending; below the first → the first). */
export function bucketOf(bounds: readonly number[], value: number): number {
  let i = 0;
  while (i + 1 < bounds.length && value >= bounds[i + 1]) i++;
  return i;
}

/**
 * The p-th percentile (0 < p < 1) of a histogram: the bucket where the cumulative count reaches p·n, linearly
 * interpolated between its bounds (the open last bucket is read as its lower bound plus the width of the one before).
 * Null for an empty histogram.
 */
export function histogramPercentile(
  bounds: readonly number[],
  counts: readonly number[],
  p: number,
): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const target = p * n;
  let seen = 0;
  for (let i = 0; i < bounds.length; i++) {
    const c = counts[i] ?? 0;
    if (c > 0 && seen + c >= target) {
      const lo = bounds[i];
      const hi = i + 1 < bounds.length ? bounds[i + 1] : bounds[i] + (bounds[i] - (bounds[i - 1] ?? 0));
      return lo + ((target - seen) / c) * (hi - lo);
    }
    seen += c;
  }
  return bounds[bounds.length - 1];
}

/** Filters a statistics query takes besides the region and period. */
export const STATS_FILTERS = ['ipType', 'procedure', 'officeId', 'source'] as const;
export type StatsFilter = (typeof STATS_FILTERS)[number];

/** How far a period may reach (the bound on a query; the summaries keep every month). */
export const STATS_MAX_PERIOD_MONTHS = 120;

/** `YYYY-MM` → the first day, or null when it is not a month. */
export function parseMonth(text: string): string | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  return m ? `${m[1]}-${m[2]}-01` : null;
}

/** Months from `from` to `to` inclusive, as `YYYY-MM`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number);
  const [ty, tm] = to.slice(0, 7).split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** `YYYY-MM` moved by `k` months (negative: back). */
export function shiftMonth(ym: string, k: number): string {
  const [y, m] = ym.slice(0, 7).split('-').map(Number);
  const t = y * 12 + (m - 1) + k;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** The period of the same length just before [from, to] (months, inclusive), for period-over-period change. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const n = monthsBetween(from, to).length;
  return { from: shiftMonth(from, -n), to: shiftMonth(from, -1) };
}

/** A referral counts as answered at the first of these states (the receiving office's response, domain.md §3). */
export const REFERRAL_RESPONSE_STATES = [
  'accepted',
  'answered',
  'returned',
  'escalated',
  'police_filed',
  'police_refused',
] as const;
