import { ScopePolicy } from '@app/auth';
import { AppConfig } from '@app/config';
import type { Actor } from '@app/contracts';
import {
  daysInMonth,
  DomainError,
  FINE_YUAN_BUCKETS,
  HANDLING_WD_BUCKETS,
  histogramPercentile,
  IP_TYPES,
  levelOf,
  monthsBetween,
  parseMonth,
  previousPeriod,
  regionRange,
  shiftMonth,
  STATS_MAX_PERIOD_MONTHS,
  type StatsCounter,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  contributionAggregates,
  contributionsSql,
  ENTITY_KINDS,
  FACT_TABLES,
  NO_OFFICE,
  dateText,
  ROLLUPS,
  SOURCE_SQL,
  type CellDim,
  type EntityKind,
} from './stats-sql';
import { StatsProjector, summedAggregates } from './stats-projector.service';

/** A statistics query: the region subtree (the actor's own by default), whole months, optional filters. */
export interface StatsQuery {
  region?: string;
  /** `YYYY-MM`; default: the 12 months ending with the current one. */
  from?: string;
  to?: string;
  ipType?: string;
  procedure?: string;
  officeId?: string;
  source?: string;
}

export const STATS_GROUPS = ['month', 'ipType', 'region', 'office', 'procedure', 'source'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

/** Every indicator of one group (or the whole scope): counts, rates 0–1, means and percentiles in working days. */
export interface Indicators {
  casesReceived: number;
  casesFiled: number;
  casesClosed: number;
  casesNotFiled: number;
  /** 结案率: closed ÷ filed in the period. */
  closingRate: number | null;
  closingDue: number;
  closedOnTime: number;
  /** 按期办结率: closing limits met on time ÷ closing limits that ended in the period. */
  onTimeRate: number | null;
  handled: number;
  handlingP50Wd: number | null;
  handlingP90Wd: number | null;
  handlingMeanWd: number | null;
  handlingMeanGrossWd: number | null;
  fines: number;
  finesSumYuan: number;
  fineMedianYuan: number | null;
  referralsSent: number;
  referralsReceived: number;
  referralResponseMeanWd: number | null;
  criminalTransfers: number;
  policeFiled: number;
  policeAcceptanceRate: number | null;
  /** Complaint indicators are null when a procedure or source filter applies (complaints have neither). */
  complaintsReceived: number | null;
  complaintsAccepted: number | null;
  complaintsRefused: number | null;
  complaintsAnswered: number | null;
  complaintsTransferred: number | null;
  complaintsDecidedOnTimeRate: number | null;
  callbacks: number | null;
  satisfactionMean: number | null;
  satisfiedShare: number | null;
  listingsPublished: number | null;
  listingsRemoved: number | null;
}

export interface StatsScope {
  regionCode: string | null;
  regionName: string;
  level: 'country' | 'province' | 'city' | 'county';
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  /** The summary table (or `facts`) that answered. */
  source: string;
  /** Changes not yet projected into the summaries (the figures lag by these), counted up to 10,001 (= "over 10,000"). */
  pendingChanges: number;
}

export interface StatsSummary {
  scope: StatsScope;
  current: Indicators;
  previous: Indicators;
  /** As of now (not period figures): open cases, and those past a time limit. */
  open: number;
  overdue: number;
  handlingHistogram: { fromWd: number; toWd: number | null; cases: number }[];
}

export interface StatsRow extends Indicators {
  month?: string;
  ipType?: string;
  region?: string;
  office?: string;
  procedure?: string;
  source?: string;
  /** Display names of the group keys (region, office, IP type). */
  label: string;
}

export interface WorkloadRow {
  userId: string;
  name: string;
  open: number;
  overdue: number;
  closed: number;
  closingDue: number;
  onTimeRate: number | null;
  handlingMeanWd: number | null;
}

interface Resolved {
  root: string | null;
  level: StatsScope['level'];
  from: string;
  to: string;
  filters: { ip_type?: string; procedure?: string; office_id?: string; source?: string };
  complaintsApply: boolean;
}

export interface ReadOptions {
  /** 'source': derive from the source tables instead of reading the summaries (benchmark baseline). */
  from?: 'summaries' | 'source';
}

type Summed = Record<StatsCounter, number> & { handling_hist: number[]; fine_hist: number[] };

/**
 * Indicators over the monthly summaries (issue 8). Each query reads the coarsest grain that holds the dimensions it
 * filters and groups by, inside the actor's region scope (ScopePolicy: a supervisor's own subtree, 403 outside);
 * below a city it sums the facts directly (one county's facts are few).
 */
@Injectable()
export class StatsQueryService {
  private readonly snapshots = new Map<string, { value: { open: number; overdue: number }; until: number }>();
  private readonly snapshotMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: ScopePolicy,
    private readonly projector: StatsProjector,
    config: AppConfig,
  ) {
    this.snapshotMs = config.STATS_SNAPSHOT_SECONDS * 1000;
  }

  /**
   * `opts.from = 'source'` computes the same indicators straight from the source tables (the benchmark's baseline;
   * never offered over HTTP).
   */
  async summary(actor: Actor, query: StatsQuery, opts: ReadOptions = {}): Promise<StatsSummary> {
    const r = await this.resolve(actor, query);
    const prev = previousPeriod(r.from, r.to);
    const rel = this.relation(r, [], opts);
    const params: unknown[] = [];
    const where = this.where(r, params, prev.from + '-01');
    const isCurrent = `(x.month >= ${param(params, r.from + '-01')}::date)`;
    const rows: (Summed & { current: boolean })[] = await this.dataSource.query(
      `SELECT ${isCurrent} AS current, ${rel.aggregates.join(', ')} FROM ${rel.from} WHERE ${where} GROUP BY 1`,
      params,
    );
    const current = rows.find((x) => x.current);
    const previous = rows.find((x) => !x.current);
    const snapshot = await this.snapshot(r, opts);
    const hist = toNumbers(current?.handling_hist, HANDLING_WD_BUCKETS.length);
    return {
      scope: await this.scopeOf(r, rel.name, prev),
      current: indicators(current, r.complaintsApply),
      previous: indicators(previous, r.complaintsApply),
      ...snapshot,
      handlingHistogram: HANDLING_WD_BUCKETS.map((lo, i) => ({
        fromWd: lo,
        toWd: HANDLING_WD_BUCKETS[i + 1] ?? null,
        cases: hist[i],
      })),
    };
  }

  /** Indicators per group: `by` one or two of month, ipType, region (the scope's child regions), office, … */
  async breakdown(
    actor: Actor,
    query: StatsQuery,
    by: StatsGroup[],
    opts: ReadOptions = {},
  ): Promise<{ scope: StatsScope; rows: StatsRow[] }> {
    if (!by.length || by.length > 2 || new Set(by).size !== by.length) {
      throw new DomainError('VALIDATION_FAILED', 'by: one or two different groups', {
        errors: [{ field: 'by', code: 'isIn', message: `one or two of ${STATS_GROUPS.join(', ')}` }],
      });
    }
    const r = await this.resolve(actor, query);
    if (by.includes('region') && r.level === 'county') {
      throw new DomainError('VALIDATION_FAILED', 'A county has no smaller regions to break down into', {
        errors: [
          {
            field: 'by',
            code: 'scope',
            message: 'region needs a province, city or the country as the scope',
          },
        ],
      });
    }
    const groups = by.map((g) => this.groupExpr(r, g));
    const rel = this.relation(
      r,
      groups.map((g) => g.dim),
      opts,
    );
    const params: unknown[] = [];
    const where = this.where(r, params, r.from + '-01');
    const exprs = groups.map((g, i) => `${g.expr} AS g${i}`);
    const rows: (Summed & Record<string, unknown>)[] = await this.dataSource.query(
      `SELECT ${exprs.join(', ')}, ${rel.aggregates.join(', ')} FROM ${rel.from} WHERE ${where}
        GROUP BY ${groups.map((_, i) => i + 1).join(', ')} ORDER BY ${groups.map((_, i) => i + 1).join(', ')}`,
      params,
    );
    const names = await this.names(rows.flatMap((row) => by.map((g, i) => ({ g, v: String(row[`g${i}`]) }))));
    const out: StatsRow[] = rows
      .filter((row) => by.every((g, i) => !(g === 'office' && row[`g${i}`] === NO_OFFICE)))
      .map((row) => {
        const keys: Partial<Record<StatsGroup, string>> = {};
        by.forEach((g, i) => {
          const v = row[`g${i}`];
          keys[g] = g === 'month' ? monthText(v) : String(v);
        });
        // Assigned, not spread: two spreads of ~35 keys cost ~60 µs a row (bench:stats, the country's 900 offices).
        return Object.assign(
          keys,
          { label: by.map((g) => names(g, keys[g]!)).join(' · ') },
          indicators(row, r.complaintsApply),
        );
      });
    if (by.includes('month')) {
      // Every month of the period, zero where nothing happened (a trend line has no gaps).
      const i = by.indexOf('month');
      const other = by.length === 2 ? by[1 - i] : null;
      const seen = new Set(out.map((o) => `${o.month}|${other ? o[other] : ''}`));
      const others = other ? [...new Set(out.map((o) => o[other]!))] : [''];
      for (const m of monthsBetween(r.from, r.to)) {
        for (const v of others) {
          if (!seen.has(`${m}|${v}`)) {
            const keys: Partial<Record<StatsGroup, string>> = { month: m };
            if (other) keys[other] = v;
            out.push(
              Object.assign(
                keys,
                { label: by.map((g) => names(g, keys[g]!)).join(' · ') },
                indicators(undefined, r.complaintsApply),
              ),
            );
          }
        }
      }
      out.sort((a, b) => (a.month! < b.month! ? -1 : a.month! > b.month! ? 1 : 0));
    }
    return { scope: await this.scopeOf(r, rel.name, previousPeriod(r.from, r.to)), rows: out };
  }

  /** The officers of one office: open and overdue cases now, and what they closed in the period. */
  async workload(actor: Actor, query: StatsQuery): Promise<{ scope: StatsScope; rows: WorkloadRow[] }> {
    if (!query.officeId) {
      throw new DomainError('VALIDATION_FAILED', 'Choose an office for the workload table', {
        errors: [{ field: 'officeId', code: 'isDefined', message: 'required' }],
      });
    }
    const r = await this.resolve(actor, query);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.display_name AS name,
              count(*) FILTER (WHERE f.is_open) AS open,
              count(*) FILTER (WHERE f.is_open AND f.next_due_at < now()) AS overdue,
              count(*) FILTER (WHERE f.status IN ('closed', 'archived') AND f.closed_on BETWEEN $2 AND $3) AS closed,
              count(*) FILTER (WHERE f.closing_met_on BETWEEN $2 AND $3) AS closing_due,
              count(*) FILTER (WHERE f.closing_met_on BETWEEN $2 AND $3 AND f.on_time) AS on_time,
              avg(f.handling_wd) FILTER (WHERE f.status IN ('closed', 'archived') AND f.closed_on BETWEEN $2 AND $3)
                AS handling_mean
         FROM users u
         LEFT JOIN LATERAL (SELECT * FROM stats_case_facts f
                             WHERE f.office_id = $1 AND u.id = ANY (f.officer_ids)) f ON true
        WHERE u.office_id = $1 AND 'officer' = ANY (u.roles)
        GROUP BY u.id, u.display_name ORDER BY count(*) FILTER (WHERE f.is_open) DESC, u.display_name`,
      [query.officeId, r.from + '-01', lastDay(r.to)],
    );
    return {
      scope: await this.scopeOf(r, 'stats_case_facts', previousPeriod(r.from, r.to)),
      rows: rows.map((x) => ({
        userId: String(x.user_id),
        name: String(x.name),
        open: Number(x.open),
        overdue: Number(x.overdue),
        closed: Number(x.closed),
        closingDue: Number(x.closing_due),
        onTimeRate: ratio(Number(x.on_time), Number(x.closing_due)),
        handlingMeanWd: x.handling_mean == null ? null : round1(Number(x.handling_mean)),
      })),
    };
  }

  // ————————————————————————————————————————— resolution —————————————————————————————————————————

  private async resolve(actor: Actor, q: StatsQuery): Promise<Resolved> {
    const fields: { field: string; code: string; message: string }[] = [];
    const now = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
    const to = q.to ?? now;
    const from = q.from ?? (parseMonth(to) ? shiftMonth(to, -11) : to);
    const toOk = parseMonth(to);
    const fromOk = parseMonth(from);
    if (!toOk) fields.push({ field: 'to', code: 'isMonth', message: 'a month as YYYY-MM' });
    if (!fromOk) fields.push({ field: 'from', code: 'isMonth', message: 'a month as YYYY-MM' });
    if (fromOk && toOk) {
      if (from > to) fields.push({ field: 'from', code: 'order', message: 'must not be after to' });
      else if (monthsBetween(from, to).length > STATS_MAX_PERIOD_MONTHS) {
        fields.push({
          field: 'from',
          code: 'maxPeriod',
          message: `a period of at most ${STATS_MAX_PERIOD_MONTHS} months (10 years)`,
        });
      }
    }
    if (q.ipType && !IP_TYPES.some((t) => t.code === q.ipType)) {
      fields.push({ field: 'ipType', code: 'isIn', message: 'not a known IP type' });
    }
    if (fields.length)
      throw new DomainError('VALIDATION_FAILED', 'The statistics query has errors', { errors: fields });
    const root = this.scope.narrow(actor, q.region ?? null);
    if (q.officeId) {
      const [office] = await this.dataSource.query(`SELECT region_code FROM offices WHERE id = $1`, [
        q.officeId,
      ]);
      if (!office) throw new DomainError('NOT_FOUND', `Office ${q.officeId} not found`);
      if (root && !this.scope.canSee({ ...actor, regionCode: root }, office.region_code)) {
        throw new DomainError('OUT_OF_SCOPE', `Office ${q.officeId} is outside region ${root}`);
      }
    }
    const filters: Resolved['filters'] = {};
    if (q.ipType) filters.ip_type = q.ipType;
    if (q.procedure) filters.procedure = q.procedure;
    if (q.officeId) filters.office_id = q.officeId;
    if (q.source) filters.source = q.source;
    return {
      root,
      level: root === null ? 'country' : levelOf(root),
      from,
      to,
      filters,
      complaintsApply: !q.procedure && !q.source,
    };
  }

  /** The dimension (and expression over relation x) a group reads. */
  private groupExpr(r: Resolved, g: StatsGroup): { dim: CellDim; expr: string } {
    switch (g) {
      case 'month':
        return { dim: 'month', expr: 'x.month' };
      case 'ipType':
        return { dim: 'ip_type', expr: 'x.ip_type' };
      case 'office':
        return { dim: 'office_id', expr: 'x.office_id' };
      case 'procedure':
        return { dim: 'procedure', expr: 'x.procedure' };
      case 'source':
        return { dim: 'source', expr: 'x.source' };
      case 'region':
        if (r.level === 'country') return { dim: 'province_code', expr: 'x.province_code' };
        if (r.level === 'province') return { dim: 'city_code', expr: 'x.city_code' };
        return { dim: 'region_code', expr: 'x.region_code' };
    }
  }

  /** The coarsest summary with every needed dimension, or the facts' contributions. */
  private relation(
    r: Resolved,
    groupDims: CellDim[],
    opts: ReadOptions = {},
  ): { name: string; from: string; aggregates: string[] } {
    if (opts.from === 'source') return this.sourceRelation(r);
    const needed = new Set<CellDim>(groupDims.filter((d) => d !== 'month'));
    for (const k of Object.keys(r.filters)) needed.add(k as CellDim);
    if (r.level === 'province') needed.add('province_code');
    if (r.level === 'city') needed.add('city_code');
    if (r.level === 'county') needed.add('region_code');
    const rollup = ROLLUPS.find((x) => [...needed].every((d) => x.dims.includes(d)));
    if (rollup) return { name: rollup.table, from: `${rollup.table} x`, aggregates: summedAggregates('x.') };
    // Below a city: the facts of the subtree, through the same contribution rules.
    const [lo, hi] = regionRange(r.root!);
    const inRange = (col: string) => `${col} >= '${lo}' AND ${col} < '${hi}'`;
    const contributions = ENTITY_KINDS.map((k) => {
      const where =
        k === 'referral'
          ? `WHERE (${inRange('from_region_code')}) OR (${inRange('to_region_code')})`
          : `WHERE ${inRange('region_code')}`;
      return contributionsSql(k, `(SELECT * FROM ${FACT_TABLES[k].table} ${where}) f`);
    }).join('\nUNION ALL\n');
    return { name: 'facts', from: `(${contributions}) x`, aggregates: contributionAggregates() };
  }

  /** The facts derived on the fly from the source tables of the scope, through the same contribution rules. */
  private sourceRelation(r: Resolved): { name: string; from: string; aggregates: string[] } {
    const range = (col: string) => {
      if (!r.root) return 'true';
      const [lo, hi] = regionRange(r.root);
      return `${col} >= '${lo}' AND ${col} < '${hi}'`;
    };
    const where: Record<EntityKind, string> = {
      case: `WHERE ${range('c.region_code')}`,
      complaint: `WHERE ${range(`coalesce(c.region_code, o.region_code, '000000')`)}`,
      referral: '',
      listing: `WHERE ${range('l.region_code')}`,
    };
    const contributions = ENTITY_KINDS.map((k) => contributionsSql(k, `(${SOURCE_SQL[k](where[k])}) f`)).join(
      '\nUNION ALL\n',
    );
    return { name: 'source', from: `(${contributions}) x`, aggregates: contributionAggregates() };
  }

  private where(r: Resolved, params: unknown[], fromDay: string): string {
    const parts = [
      `x.month >= ${param(params, fromDay)}::date`,
      `x.month <= ${param(params, r.to + '-01')}::date`,
    ];
    if (r.level === 'province') parts.push(`x.province_code = ${param(params, r.root)}`);
    if (r.level === 'city') parts.push(`x.city_code = ${param(params, r.root)}`);
    if (r.level === 'county') parts.push(`x.region_code = ${param(params, r.root)}`);
    for (const [col, v] of Object.entries(r.filters)) parts.push(`x.${col} = ${param(params, v)}`);
    return parts.join(' AND ');
  }

  /**
   * Open and overdue cases as of now, counted over the open facts of the scope. The same scope and filters reuse a
   * count for STATS_SNAPSHOT_SECONDS (the country's is an index scan over every open case, ~40 ms).
   */
  private async snapshot(r: Resolved, opts: ReadOptions): Promise<{ open: number; overdue: number }> {
    if (opts.from === 'source' || this.snapshotMs === 0) return this.countOpen(r, opts);
    const key = JSON.stringify([r.root, r.filters]);
    const hit = this.snapshots.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await this.countOpen(r, opts);
    if (this.snapshots.size > 10_000) this.snapshots.clear();
    this.snapshots.set(key, { value, until: Date.now() + this.snapshotMs });
    return value;
  }

  private async countOpen(r: Resolved, opts: ReadOptions): Promise<{ open: number; overdue: number }> {
    const params: unknown[] = [];
    const parts = ['f.is_open'];
    const from =
      opts.from === 'source'
        ? `(${SOURCE_SQL.case(r.root ? `WHERE c.region_code >= '${regionRange(r.root)[0]}' AND c.region_code < '${regionRange(r.root)[1]}'` : '')}) f`
        : 'stats_case_facts f';
    if (r.root) {
      const [lo, hi] = regionRange(r.root);
      parts.push(`f.region_code >= ${param(params, lo)} AND f.region_code < ${param(params, hi)}`);
    }
    for (const [col, v] of Object.entries(r.filters)) parts.push(`f.${col} = ${param(params, v)}`);
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE f.next_due_at < now())::int AS overdue
         FROM ${from} WHERE ${parts.join(' AND ')}`,
      params,
    );
    return { open: row.open, overdue: row.overdue };
  }

  private async scopeOf(
    r: Resolved,
    source: string,
    prev: { from: string; to: string },
  ): Promise<StatsScope> {
    const [[region], backlog] = await Promise.all([
      r.root
        ? this.dataSource.query(`SELECT name FROM regions WHERE code = $1`, [r.root])
        : Promise.resolve([{ name: '全国' }]),
      this.projector.backlog(),
    ]);
    return {
      regionCode: r.root,
      regionName: region?.name ?? r.root ?? '全国',
      level: r.level,
      from: r.from,
      to: r.to,
      previousFrom: prev.from,
      previousTo: prev.to,
      source,
      pendingChanges: backlog.pending,
    };
  }

  /** Display names for group values: regions and offices from the database, IP types from the catalogue. */
  private async names(values: { g: StatsGroup; v: string }[]): Promise<(g: StatsGroup, v: string) => string> {
    const regionCodes = [...new Set(values.filter((x) => x.g === 'region').map((x) => x.v))];
    const officeIds = [...new Set(values.filter((x) => x.g === 'office').map((x) => x.v))];
    const [regions, offices]: { k: string; name: string }[][] = await Promise.all([
      regionCodes.length
        ? this.dataSource.query(`SELECT code AS k, name FROM regions WHERE code = ANY($1)`, [regionCodes])
        : [],
      officeIds.length
        ? this.dataSource.query(`SELECT id::text AS k, name FROM offices WHERE id = ANY($1::uuid[])`, [
            officeIds,
          ])
        : [],
    ]);
    const map = new Map<string, string>([
      ...regions.map((x) => [`region|${x.k}`, x.name] as [string, string]),
      ...offices.map((x) => [`office|${x.k}`, x.name] as [string, string]),
      ...IP_TYPES.map((t) => [`ipType|${t.code}`, t.zh] as [string, string]),
    ]);
    return (g, v) => map.get(`${g}|${v}`) ?? (v === '' ? '—' : v);
  }
}

function param(params: unknown[], v: unknown): string {
  params.push(v);
  return `$${params.length}`;
}

function toNumbers(a: unknown, n: number): number[] {
  const arr = Array.isArray(a) ? a : [];
  return Array.from({ length: n }, (_, i) => Number(arr[i] ?? 0));
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
const round1 = (v: number) => Math.round(v * 10) / 10;
const mean = (sum: number, n: number) => (n > 0 ? round1(sum / n) : null);

/** The indicators of one summed row (undefined: nothing in the period). */
export function indicators(row: Partial<Summed> | undefined, complaintsApply: boolean): Indicators {
  const c = (k: StatsCounter) => Number(row?.[k] ?? 0);
  const handling = toNumbers(row?.handling_hist, HANDLING_WD_BUCKETS.length);
  const fine = toNumbers(row?.fine_hist, FINE_YUAN_BUCKETS.length);
  const p = (bounds: readonly number[], counts: number[], q: number) => {
    const v = histogramPercentile(bounds, counts, q);
    return v === null ? null : round1(v);
  };
  // Complaints and listings have no procedure or source: under such a filter their figures do not apply.
  const complaint = <T>(v: T): T | null => (complaintsApply ? v : null);
  return {
    casesReceived: c('cases_received'),
    casesFiled: c('cases_filed'),
    casesClosed: c('cases_closed'),
    casesNotFiled: c('cases_not_filed'),
    closingRate: ratio(c('cases_closed'), c('cases_filed')),
    closingDue: c('closing_due'),
    closedOnTime: c('closing_on_time'),
    onTimeRate: ratio(c('closing_on_time'), c('closing_due')),
    handled: c('handled'),
    handlingP50Wd: p(HANDLING_WD_BUCKETS, handling, 0.5),
    handlingP90Wd: p(HANDLING_WD_BUCKETS, handling, 0.9),
    handlingMeanWd: mean(c('handled_wd'), c('handled')),
    handlingMeanGrossWd: mean(c('handled_gross_wd'), c('handled')),
    fines: c('fines'),
    finesSumYuan: c('fines_fen') / 100,
    fineMedianYuan: (() => {
      const v = histogramPercentile(FINE_YUAN_BUCKETS, fine, 0.5);
      return v === null ? null : Math.round(v);
    })(),
    referralsSent: c('referrals_sent'),
    referralsReceived: c('referrals_received'),
    referralResponseMeanWd: mean(c('referral_response_wd'), c('referral_responses')),
    criminalTransfers: c('criminal_transfers'),
    policeFiled: c('police_filed'),
    policeAcceptanceRate: ratio(c('police_filed'), c('criminal_transfers')),
    complaintsReceived: complaint(c('complaints_received')),
    complaintsAccepted: complaint(c('complaints_accepted')),
    complaintsRefused: complaint(c('complaints_refused')),
    complaintsAnswered: complaint(c('complaints_answered')),
    complaintsTransferred: complaint(c('complaints_transferred')),
    complaintsDecidedOnTimeRate: complaint(
      ratio(
        c('complaints_decided_on_time'),
        c('complaints_accepted') + c('complaints_refused') + c('complaints_answered'),
      ),
    ),
    callbacks: complaint(c('callbacks')),
    satisfactionMean: complaint(
      c('callbacks') > 0 ? Math.round((c('satisfaction_sum') / c('callbacks')) * 100) / 100 : null,
    ),
    satisfiedShare: complaint(ratio(c('satisfied'), c('callbacks'))),
    listingsPublished: complaint(c('listings_published')),
    listingsRemoved: complaint(c('listings_removed')),
  };
}

function monthText(v: unknown): string {
  return dateText(v).slice(0, 7);
}

function lastDay(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return `${ym}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}
