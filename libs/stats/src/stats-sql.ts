import {
  FINE_YUAN_BUCKETS,
  HANDLING_WD_BUCKETS,
  OPEN_CASE_STATES,
  REFERRAL_RESPONSE_STATES,
  SATISFIED_FROM,
  STATS_COUNTER_CODES,
  type StatsCounter,
} from '@app/domain';

/**
 * The statistics' SQL, defined once: how a fact is derived from the source tables (`*_SOURCE_SQL`), what a fact
 * contributes to which monthly cell (`contributionsSql`), and the summary grains. The projector, the reconciliation,
 * the queries and the benchmark's from-source baseline all compose these, so they cannot disagree.
 */

/**
 * `YYYY-MM-DD` of a `date` column as pg returns it (a Date at local midnight, read back with local getters), or of
 * text already in that form.
 */
export function dateText(v: unknown): string {
  if (v instanceof Date) {
    return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  }
  return String(v).slice(0, 10);
}

export type EntityKind = 'case' | 'complaint' | 'referral' | 'listing';
export const ENTITY_KINDS: readonly EntityKind[] = ['case', 'complaint', 'referral', 'listing'];

/** Dimensions of a contribution row, in order. '' = none (a complaint has no procedure). */
export const CELL_DIMS = [
  'month',
  'region_code',
  'province_code',
  'city_code',
  'office_id',
  'ip_type',
  'procedure',
  'source',
] as const;
export type CellDim = (typeof CELL_DIMS)[number];

/** Stands for "no office" in a cell (a web complaint nobody has routed yet). */
export const NO_OFFICE = '00000000-0000-0000-0000-000000000000';

export interface Rollup {
  table: string;
  /** Dimensions besides month. */
  dims: readonly CellDim[];
  /** The primary key, in its column order (month included). */
  key: readonly CellDim[];
}

/**
 * The summary grains, smallest first: a query reads the first one holding every dimension it needs (migrations
 * 1764700000000 and 1764700000001 create them). The last is the finest; the rebuild and the reconciliation derive
 * the others from it.
 */
export const ROLLUPS: readonly Rollup[] = [
  // Without the IP type (migration 1764700000001): the unfiltered country and province dashboards, office rankings.
  { table: 'stats_monthly_province_total', dims: ['province_code'], key: ['province_code', 'month'] },
  {
    table: 'stats_monthly_province',
    dims: ['province_code', 'ip_type'],
    key: ['province_code', 'month', 'ip_type'],
  },
  {
    table: 'stats_monthly_office_total',
    dims: ['province_code', 'city_code', 'office_id'],
    key: ['city_code', 'month', 'office_id'],
  },
  {
    table: 'stats_monthly_province_detail',
    dims: ['province_code', 'ip_type', 'procedure', 'source'],
    key: ['province_code', 'month', 'ip_type', 'procedure', 'source'],
  },
  {
    table: 'stats_monthly_office',
    dims: ['province_code', 'city_code', 'office_id', 'ip_type'],
    key: ['city_code', 'month', 'office_id', 'ip_type'],
  },
  {
    table: 'stats_monthly_city',
    dims: ['province_code', 'city_code', 'office_id', 'ip_type', 'procedure', 'source'],
    key: ['city_code', 'month', 'office_id', 'ip_type', 'procedure', 'source'],
  },
];

export const FACT_TABLES: Record<EntityKind, { table: string; id: string }> = {
  case: { table: 'stats_case_facts', id: 'case_id' },
  complaint: { table: 'stats_complaint_facts', id: 'complaint_id' },
  referral: { table: 'stats_referral_facts', id: 'referral_id' },
  listing: { table: 'stats_listing_facts', id: 'listing_id' },
};

const list = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');
/** Working days in (a, b] on the national calendar (stats_workdays ordinals). */
const wd = (a: string, b: string) =>
  `((SELECT ord FROM stats_workdays WHERE day = ${b}) - (SELECT ord FROM stats_workdays WHERE day = ${a}))`;
const shanghaiDate = (ts: string) => `(${ts} AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * Facts of cases. On time: the closing limit (its due date already moved by tolled periods and approved extensions)
 * was met on or before its due date. Handling time: working days from filing to closure, net of the tolled periods
 * inside them (pauses are half-open [from, to)).
 */
export function caseSourceSql(where: string): string {
  return `
    SELECT c.id AS case_id, c.office_id, c.region_code, c.province_code,
           coalesce(c.city_code, c.province_code) AS city_code, c.ip_type, c.procedure, c.source, c.status,
           c.status IN (${list(OPEN_CASE_STATES)}) AS is_open,
           c.received_on, c.filed_on, c.decided_on, c.closed_on,
           d.closed_on AS closing_met_on,
           CASE WHEN d.closed_on IS NOT NULL THEN d.due_date IS NOT NULL AND d.closed_on <= d.due_date END AS on_time,
           CASE WHEN h.gross IS NOT NULL THEN h.gross - h.paused END AS handling_wd,
           h.gross AS handling_gross_wd,
           CASE WHEN c.fine_fen > 0 AND c.decided_on IS NOT NULL THEN c.fine_fen END AS fine_fen,
           c.next_due_at,
           ARRAY(SELECT o.user_id FROM case_officers o WHERE o.case_id = c.id ORDER BY o.user_id) AS officer_ids
      FROM cases c
      LEFT JOIN LATERAL (
        SELECT cd.closed_on, cd.due_date FROM case_deadlines cd
         WHERE cd.case_id = c.id AND cd.key = 'closing' AND cd.status = 'met'
         ORDER BY cd.id DESC LIMIT 1) d ON true
      LEFT JOIN LATERAL (
        SELECT ${wd('c.filed_on', 'c.closed_on')} AS gross,
               coalesce((SELECT sum(${wd('(x.lo - 1)', 'x.hi')})
                           FROM (SELECT greatest(p.from_date, c.filed_on + 1) AS lo,
                                        least(coalesce(p.to_date, c.closed_on + 1) - 1, c.closed_on) AS hi
                                   FROM case_pauses p WHERE p.case_id = c.id) x
                          WHERE x.lo <= x.hi), 0)::int AS paused
         WHERE c.status IN ('closed', 'archived') AND c.filed_on IS NOT NULL AND c.closed_on IS NOT NULL) h ON true
     ${where}`;
}

/** Facts of complaints: the decision (accepted / refused / answered) and whether it met its clock, the callback. */
export function complaintSourceSql(where: string): string {
  return `
    SELECT c.id AS complaint_id, c.office_id,
           coalesce(r.code, '000000') AS region_code, coalesce(r.province_code, '000000') AS province_code,
           coalesce(r.city_code, r.code, '000000') AS city_code, c.ip_type, c.received_on,
           CASE WHEN c.decided_at IS NULL THEN NULL
                WHEN c.refusal_ground IS NOT NULL THEN 'refused'
                WHEN c.answer IS NOT NULL THEN 'answered'
                ELSE 'accepted' END AS decision,
           ${shanghaiDate('c.decided_at')} AS decided_on,
           CASE WHEN c.decided_at IS NOT NULL THEN c.due_at IS NULL OR coalesce(c.clock_met_at, c.decided_at) <= c.due_at
           END AS decided_on_time,
           ${shanghaiDate('c.callback_at')} AS callback_on,
           CASE WHEN c.callback_at IS NOT NULL THEN c.satisfaction END AS satisfaction
      FROM complaints c
      LEFT JOIN offices o ON o.id = c.office_id
      LEFT JOIN regions r ON r.code = coalesce(c.region_code, o.region_code)
     ${where}`;
}

/** Facts of referrals: both offices' regions, the case's (or complaint's) dimensions, the first response. */
export function referralSourceSql(where: string): string {
  return `
    SELECT rf.id AS referral_id, rf.kind, rf.complaint_id IS NOT NULL AS of_complaint,
           rf.from_office_id, fr.code AS from_region_code, fr.province_code AS from_province_code,
           coalesce(fr.city_code, fr.code) AS from_city_code,
           rf.to_office_id, tr.code AS to_region_code, tr.province_code AS to_province_code,
           coalesce(tr.city_code, tr.code) AS to_city_code,
           coalesce(c.ip_type, cp.ip_type) AS ip_type, c.procedure, c.source,
           ${shanghaiDate('rf.sent_at')} AS sent_on,
           CASE WHEN rf.sent_at IS NOT NULL AND resp.at IS NOT NULL
                THEN greatest(${wd(shanghaiDate('rf.sent_at'), shanghaiDate('resp.at'))}, 0) END AS response_wd,
           EXISTS (SELECT FROM referral_events e WHERE e.referral_id = rf.id AND e.to_state = 'police_filed')
             AS police_filed
      FROM referrals rf
      JOIN offices fo ON fo.id = rf.from_office_id
      JOIN regions fr ON fr.code = fo.region_code
      JOIN offices t ON t.id = rf.to_office_id
      JOIN regions tr ON tr.code = t.region_code
      LEFT JOIN cases c ON c.id = rf.case_id
      LEFT JOIN complaints cp ON cp.id = rf.complaint_id
      LEFT JOIN LATERAL (
        SELECT min(e.at) AS at FROM referral_events e
         WHERE e.referral_id = rf.id AND e.to_state IN (${list(REFERRAL_RESPONSE_STATES)})) resp ON true
     ${where}`;
}

export function listingSourceSql(where: string): string {
  return `
    SELECT l.id AS listing_id, l.office_id, l.region_code, r.province_code,
           coalesce(r.city_code, r.code) AS city_code, l.ip_type,
           ${shanghaiDate('l.published_at')} AS published_on, ${shanghaiDate('l.removed_at')} AS removed_on
      FROM credit_listings l
      JOIN regions r ON r.code = l.region_code
     ${where}`;
}

export const SOURCE_SQL: Record<EntityKind, (where: string) => string> = {
  case: caseSourceSql,
  complaint: complaintSourceSql,
  referral: referralSourceSql,
  listing: listingSourceSql,
};

/** The source table's id column for `WHERE <alias>.id = ANY($1)` in each derivation. */
export const SOURCE_ID: Record<EntityKind, string> = {
  case: 'c.id',
  complaint: 'c.id',
  referral: 'rf.id',
  listing: 'l.id',
};

const month = (date: string) => `date_trunc('month', ${date})::date`;
const hBucket = (v: string) => `width_bucket(${v}, ARRAY[${HANDLING_WD_BUCKETS.join(', ')}]::int[])`;
const fBucket = (fen: string) =>
  `width_bucket(${fen} / 100.0, ARRAY[${FINE_YUAN_BUCKETS.join(', ')}]::numeric[])`;

type Dims = Record<Exclude<CellDim, 'month'>, string>;

/** One contribution SELECT: the given counters (others 0), its histogram buckets (1-based, or null). */
function part(
  from: string,
  monthExpr: string,
  dims: Dims,
  counters: Partial<Record<StatsCounter, string>>,
  where: string,
  hist: { h?: string; f?: string } = {},
  idExpr = 'NULL::uuid',
): string {
  const cols = [
    `${idExpr} AS entity_id`,
    `${monthExpr} AS month`,
    ...Object.entries(dims).map(([k, v]) => `${v} AS ${k}`),
    ...STATS_COUNTER_CODES.map((c) => `${counters[c] ?? '0'}::bigint AS ${c}`),
    `${hist.h ?? 'NULL::int'} AS h_bucket`,
    `${hist.f ?? 'NULL::int'} AS f_bucket`,
  ];
  return `SELECT ${cols.join(', ')} FROM ${from} WHERE ${where}`;
}

const n = (cond: string) => `(${cond})::int`;

/**
 * Contribution rows of the facts of one kind in `from` (a facts table or a derivation subquery, aliased f), each
 * with the entity's id: one row per (fact, event month) the fact counts in.
 */
export function contributionsSql(kind: EntityKind, from: string): string {
  switch (kind) {
    case 'case': {
      const dims: Dims = {
        region_code: 'f.region_code',
        province_code: 'f.province_code',
        city_code: 'f.city_code',
        office_id: 'f.office_id',
        ip_type: 'f.ip_type',
        procedure: 'f.procedure',
        source: 'f.source',
      };
      const id = 'f.case_id';
      return [
        part(from, month('f.received_on'), dims, { cases_received: '1' }, 'true', {}, id),
        part(from, month('f.filed_on'), dims, { cases_filed: '1' }, 'f.filed_on IS NOT NULL', {}, id),
        part(
          from,
          month('f.closed_on'),
          dims,
          {
            cases_closed: '1',
            handled: n('f.handling_wd IS NOT NULL'),
            handled_wd: 'coalesce(f.handling_wd, 0)',
            handled_gross_wd: 'coalesce(f.handling_gross_wd, 0)',
          },
          `f.status IN ('closed', 'archived') AND f.closed_on IS NOT NULL`,
          { h: `CASE WHEN f.handling_wd IS NOT NULL THEN ${hBucket('f.handling_wd')} END` },
          id,
        ),
        part(
          from,
          month('f.closed_on'),
          dims,
          { cases_not_filed: '1' },
          `f.status = 'not_filed' AND f.closed_on IS NOT NULL`,
          {},
          id,
        ),
        part(
          from,
          month('f.closing_met_on'),
          dims,
          { closing_due: '1', closing_on_time: n('f.on_time') },
          'f.closing_met_on IS NOT NULL',
          {},
          id,
        ),
        part(
          from,
          month('f.decided_on'),
          dims,
          { fines: '1', fines_fen: 'f.fine_fen' },
          'f.fine_fen IS NOT NULL',
          { f: fBucket('f.fine_fen') },
          id,
        ),
      ].join('\nUNION ALL\n');
    }
    case 'complaint': {
      const dims: Dims = {
        region_code: 'f.region_code',
        province_code: 'f.province_code',
        city_code: 'f.city_code',
        office_id: `coalesce(f.office_id, '${NO_OFFICE}')`,
        ip_type: `coalesce(f.ip_type, '')`,
        procedure: `''`,
        source: `''`,
      };
      const id = 'f.complaint_id';
      return [
        part(from, month('f.received_on'), dims, { complaints_received: '1' }, 'true', {}, id),
        part(
          from,
          month('f.decided_on'),
          dims,
          {
            complaints_accepted: n(`f.decision = 'accepted'`),
            complaints_refused: n(`f.decision = 'refused'`),
            complaints_answered: n(`f.decision = 'answered'`),
            complaints_decided_on_time: n('f.decided_on_time'),
          },
          'f.decided_on IS NOT NULL',
          {},
          id,
        ),
        part(
          from,
          month('f.callback_on'),
          dims,
          {
            callbacks: '1',
            satisfaction_sum: 'f.satisfaction',
            satisfied: n(`f.satisfaction >= ${SATISFIED_FROM}`),
          },
          'f.callback_on IS NOT NULL AND f.satisfaction IS NOT NULL',
          {},
          id,
        ),
      ].join('\nUNION ALL\n');
    }
    case 'referral': {
      const side = (s: 'from' | 'to'): Dims => ({
        region_code: `f.${s}_region_code`,
        province_code: `f.${s}_province_code`,
        city_code: `f.${s}_city_code`,
        office_id: `f.${s}_office_id`,
        ip_type: `coalesce(f.ip_type, '')`,
        procedure: `coalesce(f.procedure, '')`,
        source: `coalesce(f.source, '')`,
      });
      const id = 'f.referral_id';
      return [
        part(
          from,
          month('f.sent_on'),
          side('from'),
          {
            referrals_sent: '1',
            criminal_transfers: n(`f.kind = 'criminal'`),
            police_filed: n(`f.kind = 'criminal' AND f.police_filed`),
            complaints_transferred: n(`f.kind = 'jurisdiction' AND f.of_complaint`),
          },
          'f.sent_on IS NOT NULL',
          {},
          id,
        ),
        part(
          from,
          month('f.sent_on'),
          side('to'),
          {
            referrals_received: '1',
            referral_responses: n('f.response_wd IS NOT NULL'),
            referral_response_wd: 'coalesce(f.response_wd, 0)',
          },
          'f.sent_on IS NOT NULL',
          {},
          id,
        ),
      ].join('\nUNION ALL\n');
    }
    case 'listing': {
      const dims: Dims = {
        region_code: 'f.region_code',
        province_code: 'f.province_code',
        city_code: 'f.city_code',
        office_id: 'f.office_id',
        ip_type: `coalesce(f.ip_type, '')`,
        procedure: `''`,
        source: `''`,
      };
      const id = 'f.listing_id';
      return [
        part(
          from,
          month('f.published_on'),
          dims,
          { listings_published: '1' },
          'f.published_on IS NOT NULL',
          {},
          id,
        ),
        part(
          from,
          month('f.removed_on'),
          dims,
          { listings_removed: '1' },
          'f.removed_on IS NOT NULL',
          {},
          id,
        ),
      ].join('\nUNION ALL\n');
    }
  }
}

/** Every kind's contributions from the facts tables (or from the source, with `fromSource`). */
export function allContributionsSql(
  opts: { fromSource?: boolean; factWhere?: Partial<Record<EntityKind, string>> } = {},
): string {
  return ENTITY_KINDS.map((k) => {
    const where = opts.factWhere?.[k] ?? '';
    const from = opts.fromSource
      ? `(${SOURCE_SQL[k]('')}) f`
      : `(SELECT * FROM ${FACT_TABLES[k].table} ${where}) f`;
    return contributionsSql(k, from);
  }).join('\nUNION ALL\n');
}

/** Summed counters and histograms of contribution rows `x` (for GROUP BY queries over contributions). */
export function contributionAggregates(): string[] {
  return [
    ...STATS_COUNTER_CODES.map((c) => `sum(x.${c})::bigint AS ${c}`),
    `ARRAY[${HANDLING_WD_BUCKETS.map((_, i) => `count(*) FILTER (WHERE x.h_bucket = ${i + 1})`).join(', ')}]::int[] AS handling_hist`,
    `ARRAY[${FINE_YUAN_BUCKETS.map((_, i) => `count(*) FILTER (WHERE x.f_bucket = ${i + 1})`).join(', ')}]::int[] AS fine_hist`,
  ];
}
