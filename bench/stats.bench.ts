/**
 * Supervisor statistics benchmark (npm run bench:stats; issue 8). Prints each figure next to a baseline measured in
 * the same run on the same machine, and their ratio:
 *   1. The dashboard's API calls over the last 12 full months — GET /api/v1/stats/summary and /stats/breakdown with
 *      by=month, by=month,ipType, by=region, by=office — as 广东's supervisor (bulk.sup.44, province 440000) and as
 *      `admin` (the whole country): each call BENCH_REQUESTS (50) times in sequence after BENCH_WARMUP (5), p50 / p95
 *      / max; and the dashboard page's load (four of them in parallel, as the page makes them, in its regions view and
 *      its offices view).
 *   2. The same indicators in process through StatsQueryService: from the monthly summaries (as the API reads them)
 *      and, the baseline, straight from the source tables (`{ from: 'source' }`: the facts derived on the fly by the
 *      same SQL), BENCH_SOURCE_RUNS (5) times per call after one warm-up query per scope. Ratio = source ÷ summaries.
 *      Both answers are compared: they must agree (the summaries are current).
 *   3. The projector: BENCH_PROJECT_CASES (20,000) random cases touched (`updated_at = now()`: the trigger logs them,
 *      the facts come out the same, no cell moves), then StatsProjector.drain(1000) — the worker's batch size —
 *      timed until stats_changes is empty; then as many fined cases with the fine raised by ¥1 (every grain's cells
 *      move) and lowered back, each drained and timed. Afterwards 广东's summary from the summaries must still agree
 *      with the source. A full rebuild (rebuildStats) is timed when the data preparation runs one.
 * Targets: every call and the dashboard p95 < 100 ms from the summaries; summaries ≥ 20 × faster than source.
 *
 * Data: database BENCH_DATABASE_URL (ipe_bench_stats) with BENCH_CASES (1,000,000) cases from
 * bench/data/case-generator.ts — generated once and reused while its marker (table bench_stats_dataset) matches the
 * generator version, case count and seed (a database without a marker holding exactly BENCH_CASES cases with
 * referrals, as `npm run seed:bulk -- --cases N` makes, is adopted) — plus BENCH_COMPLAINTS (300,000) 12330
 * complaints of 浙江 and 江苏 (ensureComplaintDataset; marker bench_intake_dataset). The statistics are rebuilt from
 * source (rebuildStats) when the facts or summaries do not match the data (row counts, received totals) or were
 * built by other statistics SQL than this checkout's (a fingerprint in bench_stats_build); BENCH_REBUILD=1 forces it.
 * The stats tables are vacuumed at the start (autovacuum may be off on a benchmark server: without the visibility map
 * the open/overdue count cannot be an index-only scan). The schema is compared with a freshly migrated scratch
 * database (indexes and columns) and any drift is printed — a migration edited after the data set was made.
 * BENCH_REGENERATE=1 rebuilds the data set; BENCH_DATA_ONLY=1 stops after the data; BENCH_NO_BUILD=1 skips
 * `nest build api`.
 */
import 'reflect-metadata';
import { ConfigModule, loadConfigWith } from '@app/config';
import type { Actor, Role } from '@app/contracts';
import { DatabaseModule, dropDatabase, migrate } from '@app/database';
import {
  allContributionsSql,
  regroupSql,
  rollupFromFactsSql,
  ROLLUPS,
  StatsModule,
  StatsProjector,
  StatsQueryService,
  type ProjectResult,
  type StatsGroup,
  type StatsQuery,
} from '@app/stats';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { seedReferenceAndDemoData } from '../test/support/seed';
import { CASE_GENERATOR_VERSION, generateCases } from './data/case-generator';
import { ensureComplaintDataset, rebuildStats } from './data/seed-bulk';
import { fmt, loadAvg, machine, ms, pct, recorder, startCompiledApi } from './support';

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ipe_bench_stats';
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 300_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5);
const SOURCE_RUNS = Number(process.env.BENCH_SOURCE_RUNS ?? 5);
const PROJECT_CASES = Number(process.env.BENCH_PROJECT_CASES ?? 20_000);
const PROJECT_BATCH = 1000; // the worker's (StatsProcessor: drain(1000, 50))
const PASSWORD = 'Demo@2026';
const TARGET_P95_MS = 100;
const TARGET_RATIO = 20;

// ————————————————————————————————————————— timing —————————————————————————————————————————

interface Lat {
  p50: number;
  p95: number;
  max: number;
  n: number;
}

function lat(times: readonly number[]): Lat {
  const s = [...times].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), max: s[s.length - 1], n: s.length };
}

/** `warmup` untimed runs, then `n` timed ones in sequence (ms). */
async function timed(n: number, warmup: number, fn: () => Promise<unknown>): Promise<Lat> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return lat(times);
}

const fmtLat = (l: Lat) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.max)}`;
const secs = (t0: number) => (performance.now() - t0) / 1000;

// ————————————————————————————————————————— the data set —————————————————————————————————————————

async function withClient<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: DB_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

interface Marker {
  generator_version: number;
  cases: number;
  seed: number;
  seconds: number | null;
  adopted: boolean;
}

async function readMarker(): Promise<Marker | null> {
  try {
    return await withClient(async (c) => {
      const { rows } = await c.query<Marker>(
        `SELECT generator_version, cases, seed, seconds::float AS seconds, adopted FROM bench_stats_dataset`,
      );
      return rows[0] ?? null;
    });
  } catch {
    return null; // no database or no marker table yet
  }
}

async function writeMarker(c: Client, seconds: number | null, adopted: boolean): Promise<void> {
  await c.query(`CREATE TABLE IF NOT EXISTS bench_stats_dataset (
                   generator_version int, cases int, seed int, seconds numeric, adopted boolean NOT NULL,
                   generated_at timestamptz DEFAULT now())`);
  await c.query(`DELETE FROM bench_stats_dataset`);
  await c.query(
    `INSERT INTO bench_stats_dataset (generator_version, cases, seed, seconds, adopted) VALUES ($1, $2, $3, $4, $5)`,
    [CASE_GENERATOR_VERSION, CASES, SEED, seconds, adopted],
  );
}

/**
 * The cases: reused when the marker matches; a database without a marker that holds exactly CASES cases with
 * referrals (generator v3 and later: `npm run seed:bulk -- --cases N`) is adopted and marked; otherwise generated
 * into a fresh database. Returns the generation time if it ran.
 */
async function ensureCases(config: ReturnType<typeof loadConfigWith>): Promise<number | null> {
  const regenerate = process.env.BENCH_REGENERATE === '1';
  const marker = await readMarker();
  if (
    !regenerate &&
    marker?.generator_version === CASE_GENERATOR_VERSION &&
    marker.cases === CASES &&
    marker.seed === SEED
  ) {
    await migrate(config); // a migration added since the data set was made
    console.log(
      `data set: reusing ${fmt(CASES)} cases (generator v${CASE_GENERATOR_VERSION}, seed ${SEED}` +
        (marker.adopted
          ? ', adopted from seed:bulk)'
          : `, generated in ${(marker.seconds ?? 0).toFixed(0)} s)`),
    );
    return null;
  }
  if (!marker && !regenerate) {
    const found = await withClient(async (c) => {
      const { rows } = await c.query<{ cases: number; referrals: number }>(
        `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals`,
      );
      return rows[0];
    }).catch(() => null);
    if (found?.cases === CASES && found.referrals > 0) {
      await migrate(config);
      await withClient((c) => writeMarker(c, null, true));
      console.log(
        `data set: adopting the unmarked database's ${fmt(CASES)} cases (${fmt(found.referrals)} referrals: ` +
          `generator v3 or later; marked as v${CASE_GENERATOR_VERSION}, seed ${SEED})`,
      );
      return null;
    }
  }
  console.log(
    `data set: generating ${fmt(CASES)} cases (generator v${CASE_GENERATOR_VERSION}, seed ${SEED}) …`,
  );
  await dropDatabase(DB_URL);
  await migrate(config);
  await seedReferenceAndDemoData(config);
  const result = await generateCases(DB_URL, { cases: CASES, seed: SEED, log: (s) => console.log(`  ${s}`) });
  await withClient(async (c) => {
    await writeMarker(c, result.seconds, false);
    await c.query('VACUUM ANALYZE'); // visibility map and statistics, as a database in service would have
  });
  console.log(`data set: ${fmt(CASES)} cases in ${result.seconds.toFixed(0)} s`);
  return result.seconds;
}

/** The statistics SQL of this checkout: facts, contributions and grains (a rebuild by other SQL is stale). */
function statsFingerprint(): string {
  const sql = [
    allContributionsSql({ fromSource: true }),
    ...ROLLUPS.map((r) => `${r.table}:${r.key.join(',')}:${rollupFromFactsSql(r)}:${regroupSql(r, 'x')}`),
  ].join('\n');
  return createHash('sha256').update(sql).digest('hex').slice(0, 16);
}

const STATS_TABLES = [
  'stats_case_facts',
  'stats_complaint_facts',
  'stats_referral_facts',
  'stats_listing_facts',
  ...ROLLUPS.map((r) => r.table),
];

/**
 * Rebuilds the statistics from source when they do not match the data or this checkout's SQL. Returns the rebuild's
 * seconds if it ran, and the last recorded one.
 */
async function ensureStats(): Promise<{ ran: number | null; last: { seconds: number; at: string } | null }> {
  const fingerprint = statsFingerprint();
  const reasons = await withClient(async (c) => {
    await c.query(`CREATE TABLE IF NOT EXISTS bench_stats_build (
                     fingerprint text NOT NULL, seconds numeric, rebuilt_at timestamptz NOT NULL DEFAULT now())`);
    const [row] = (
      await c.query<Record<string, number | string | null>>(
        `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM stats_case_facts)::int AS case_facts,
                (SELECT count(*) FROM complaints)::int AS complaints,
                (SELECT count(*) FROM stats_complaint_facts)::int AS complaint_facts,
                (SELECT count(*) FROM referrals)::int AS referrals,
                (SELECT count(*) FROM stats_referral_facts)::int AS referral_facts,
                (SELECT count(*) FROM credit_listings)::int AS listings,
                (SELECT count(*) FROM stats_listing_facts)::int AS listing_facts,
                (SELECT coalesce(sum(cases_received), 0) FROM stats_monthly_province)::int AS received,
                (SELECT coalesce(sum(complaints_received), 0) FROM stats_monthly_province)::int AS complaints_received,
                (SELECT fingerprint FROM bench_stats_build ORDER BY rebuilt_at DESC LIMIT 1) AS fingerprint`,
      )
    ).rows;
    const r: string[] = [];
    const pair = (what: string, a: string, b: string) => {
      if (row[a] !== row[b])
        r.push(`${what}: ${fmt(Number(row[a]))} in source, ${fmt(Number(row[b]))} in stats`);
    };
    pair('case facts', 'cases', 'case_facts');
    pair('complaint facts', 'complaints', 'complaint_facts');
    pair('referral facts', 'referrals', 'referral_facts');
    pair('listing facts', 'listings', 'listing_facts');
    pair('cases received in the summaries', 'cases', 'received');
    pair('complaints received in the summaries', 'complaints', 'complaints_received');
    if (row.fingerprint !== fingerprint) {
      r.push(
        row.fingerprint
          ? `built by other statistics SQL (${String(row.fingerprint)} ≠ ${fingerprint})`
          : `no record of a rebuild by this benchmark`,
      );
    }
    if (process.env.BENCH_REBUILD === '1') r.push('BENCH_REBUILD=1');
    return r;
  });
  let ran: number | null = null;
  if (reasons.length) {
    console.log(`statistics: rebuilding from source (${reasons.join('; ')}) …`);
    ran = await rebuildStats(DB_URL, (s) => console.log(`  ${s}`));
    await withClient((c) =>
      c.query(`INSERT INTO bench_stats_build (fingerprint, seconds) VALUES ($1, $2)`, [fingerprint, ran]),
    );
  }
  // rebuildStatistics ANALYZEs; the visibility map needs a VACUUM (autovacuum may be off here), and the projector
  // phase of an earlier run left dead tuples.
  const t0 = performance.now();
  await withClient((c) => c.query(`VACUUM (ANALYZE) ${STATS_TABLES.join(', ')}`));
  console.log(
    `statistics: ${ran === null ? 'current (facts and summaries match the data and this SQL); ' : ''}` +
      `stats tables vacuumed in ${secs(t0).toFixed(1)} s`,
  );
  const last = await withClient(
    async (c) =>
      (
        await c.query<{ seconds: number; at: string }>(
          `SELECT seconds::float AS seconds, to_char(rebuilt_at, 'YYYY-MM-DD HH24:MI') AS at FROM bench_stats_build
            WHERE seconds IS NOT NULL ORDER BY rebuilt_at DESC LIMIT 1`,
        )
      ).rows[0] ?? null,
  );
  return { ran, last };
}

/**
 * Differences between this database's indexes and columns and those of a freshly migrated scratch database: a
 * migration edited after the data set was migrated leaves the benchmark measuring another schema.
 */
async function schemaDrift(config: ReturnType<typeof loadConfigWith>): Promise<string[]> {
  const u = new URL(DB_URL);
  u.pathname += '_schema_check';
  const scratch = u.toString();
  await dropDatabase(scratch);
  await migrate(config, scratch);
  const shape = async (url: string) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const { rows } = await c.query<{ k: string }>(
        `SELECT 'index ' || indexdef AS k FROM pg_indexes WHERE schemaname = 'public'
          UNION ALL
         SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable ||
                coalesce(' default ' || column_default, '')
           FROM information_schema.columns WHERE table_schema = 'public'`,
      );
      return new Set(rows.map((r) => r.k));
    } finally {
      await c.end();
    }
  };
  const [fresh, ours] = [await shape(scratch), await shape(DB_URL)];
  await dropDatabase(scratch);
  const benchOwn = (k: string) => /bench_/.test(k);
  return [
    ...[...fresh].filter((k) => !ours.has(k)).map((k) => `missing: ${k}`),
    ...[...ours].filter((k) => !fresh.has(k) && !benchOwn(k)).map((k) => `extra: ${k}`),
  ];
}

// ————————————————————————————————————————— the benchmark —————————————————————————————————————————

interface Call {
  name: string;
  by: StatsGroup[] | null;
}
const CALLS: Call[] = [
  { name: 'summary', by: null },
  { name: 'breakdown by=month', by: ['month'] },
  { name: 'breakdown by=month,ipType', by: ['month', 'ipType'] },
  { name: 'breakdown by=region', by: ['region'] },
  { name: 'breakdown by=office', by: ['office'] },
];

/** The dashboard page's loads: four calls in parallel, the last one depending on the ranking's view. */
const VIEWS = [
  {
    name: 'dashboard, regions view',
    calls: ['summary', 'breakdown by=month', 'breakdown by=month,ipType', 'breakdown by=region'],
  },
  {
    name: 'dashboard, offices view',
    calls: ['summary', 'breakdown by=month', 'breakdown by=month,ipType', 'breakdown by=office'],
  },
];

interface Who {
  label: string;
  actor: Actor;
  token: string;
}

interface Row {
  scope: string;
  call: string;
  answeredBy: string;
  rows: number;
  api: Lat;
  summaries: Lat;
  source: Lat | null;
  agree: string;
}

function monthsBack(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number);
  const t = y * 12 + (m - 1) - n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** The answer without what may differ between the two reads (which relation answered, the pending changes). */
function comparable(x: unknown): string {
  const { scope: _scope, ...rest } = x as { scope: unknown };
  return JSON.stringify(rest);
}

/** The first field where two answers differ, or 'yes'. */
function agreement(a: unknown, b: unknown): string {
  const ja = comparable(a);
  const jb = comparable(b);
  if (ja === jb) return 'yes';
  let i = 0;
  while (i < ja.length && ja[i] === jb[i]) i++;
  return `**NO** near …${ja.slice(Math.max(0, i - 60), i + 40)}… vs …${jb.slice(Math.max(0, i - 60), i + 40)}…`;
}

async function main(): Promise<void> {
  const storage = mkdtempSync(join(tmpdir(), 'ipe-bench-stats-'));
  const env = {
    DATABASE_URL: DB_URL,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0001',
    LOGIN_RATE_PER_MINUTE: '100000',
    STORAGE_ROOT: storage,
  } as const;
  const config = loadConfigWith(env);
  const report = recorder('stats', {
    cases: CASES,
    complaints: COMPLAINTS,
    seed: SEED,
    requests: REQUESTS,
    warmup: WARMUP,
    sourceRuns: SOURCE_RUNS,
    projectCases: PROJECT_CASES,
  });
  console.log(`# Statistics benchmark — ${new Date().toISOString()}\n${machine()}; ${loadAvg()}\n`);

  // —— data ——
  const generated = await ensureCases(config);
  const complaints = await ensureComplaintDataset(DB_URL, {
    complaints: COMPLAINTS,
    seed: SEED,
    log: (s) => console.log(`  ${s}`),
  });
  console.log(
    complaints.generated
      ? `data set: ${fmt(COMPLAINTS)} complaints generated in ${complaints.marker.seconds.toFixed(0)} s`
      : `data set: reusing ${fmt(complaints.marker.complaints)} complaints (generator ` +
          `v${complaints.marker.generator_version}, data up to ${complaints.marker.today})`,
  );
  const rebuild = await ensureStats();
  const drift = process.env.BENCH_SCHEMA_CHECK === '0' ? null : await schemaDrift(config);
  if (drift?.length) {
    console.log(`SCHEMA DRIFT against a fresh migration (the figures are for this database's schema):`);
    for (const d of drift) console.log(`  ${d}`);
  } else if (drift) console.log('schema: indexes and columns match a fresh migration');
  if (process.env.BENCH_DATA_ONLY === '1') return;

  const pool = new Pool({ connectionString: DB_URL, max: 4 });
  const one = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0] as T;
  const counts = await one<Record<string, number>>(
    `SELECT (SELECT count(*) FROM cases)::int AS cases,
            (SELECT count(*) FROM cases WHERE province_code = '440000')::int AS gd_cases,
            (SELECT count(*) FROM complaints)::int AS complaints,
            (SELECT count(*) FROM stats_complaint_facts WHERE province_code = '440000')::int AS gd_complaints,
            (SELECT count(*) FROM stats_complaint_facts WHERE callback_on IS NOT NULL)::int AS callbacks,
            (SELECT count(*) FROM referrals)::int AS referrals,
            (SELECT count(*) FROM credit_listings)::int AS listings,
            ${ROLLUPS.map((r) => `(SELECT count(*) FROM ${r.table})::int AS ${r.table}`).join(', ')}`,
  );

  // In process: the service over the same connection options as the API (jit off …).
  @Module({ imports: [ConfigModule.forConfig(config), DatabaseModule, StatsModule] })
  class BenchStatsModule {}
  const ctx = await NestFactory.createApplicationContext(BenchStatsModule, { logger: ['error'] });
  const stats = ctx.get(StatsQueryService);
  const projector = ctx.get(StatsProjector);
  // Counted exactly here: projector.backlog() stops counting at STATS_BACKLOG_CAP.
  const logged = async () =>
    (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM stats_changes`)).rows[0].n;
  const pending = await logged();
  if (pending) {
    const t0 = performance.now();
    await projector.drain(PROJECT_BATCH);
    console.log(`projected ${fmt(pending)} changes left pending before the run (${secs(t0).toFixed(1)} s)`);
  }

  // The last 12 full months (Asia/Shanghai).
  const thisMonth = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
  const period: StatsQuery = { from: monthsBack(thisMonth, 12), to: monthsBack(thisMonth, 1) };

  // —— the API ——
  const api = await startCompiledApi({ ...env, WEB_DIST: '/nonexistent', DATABASE_POOL_SIZE: '10' });
  const login = async (username: string): Promise<string> => {
    const res = await fetch(`${api.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  const account = async (label: string, username: string): Promise<Who> => {
    const u = await one<{
      id: string;
      display_name: string;
      roles: Role[];
      office_id: string;
      region: string;
    }>(
      `SELECT u.id, u.display_name, u.roles, u.office_id, o.region_code AS region
         FROM users u JOIN offices o ON o.id = u.office_id WHERE u.username = $1`,
      [username],
    );
    if (!u) throw new Error(`no account ${username} (see bench/data/case-generator.ts)`);
    return {
      label,
      token: await login(username),
      actor: {
        id: u.id,
        username,
        displayName: u.display_name,
        roles: u.roles,
        officeId: u.office_id,
        regionCode: u.region,
      },
    };
  };
  const scopes = [
    await account('广东 (440000), bulk.sup.44', 'bulk.sup.44'),
    await account('country, admin', 'admin'),
  ];
  console.log(
    `\ndata: ${fmt(counts.cases)} cases (广东 ${fmt(counts.gd_cases)}), ${fmt(counts.complaints)} complaints ` +
      `(浙江 and 江苏; ${fmt(counts.callbacks)} called back; 广东 ${fmt(counts.gd_complaints)}), ` +
      `${fmt(counts.referrals)} referrals, ${fmt(counts.listings)} listings; summary cells: ` +
      ROLLUPS.map((r) => `${r.table} ${fmt(counts[r.table])}`).join(', ') +
      `\nperiod ${period.from} … ${period.to}; API: ${REQUESTS} sequential requests per call after ${WARMUP} ` +
      `warm-up; in process: summaries ${REQUESTS} after ${WARMUP}, source ${SOURCE_RUNS} after one warm-up query\n`,
  );

  const qs = (c: Call) => {
    const p = new URLSearchParams({ from: period.from!, to: period.to! });
    if (c.by) p.set('by', c.by.join(','));
    return `${api.base}/stats/${c.by ? 'breakdown' : 'summary'}?${p}`;
  };
  const get = async (who: Who, c: Call) => {
    const res = await fetch(qs(c), { headers: { authorization: `Bearer ${who.token}` } });
    if (res.status !== 200) throw new Error(`GET ${qs(c)}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { scope: { source: string; pendingChanges: number }; rows?: unknown[] };
  };
  const inProcess = (who: Who, c: Call, from: 'summaries' | 'source') =>
    c.by ? stats.breakdown(who.actor, period, c.by, { from }) : stats.summary(who.actor, period, { from });

  const rows: Row[] = [];
  const dashboards: { scope: string; view: string; api: Lat; summaries: Lat }[] = [];
  for (const who of scopes) {
    console.log(`${who.label}:`);
    for (const c of CALLS) {
      const first = await get(who, c);
      if (first.scope.pendingChanges) throw new Error(`${first.scope.pendingChanges} changes pending`);
      const apiLat = await timed(REQUESTS, WARMUP, () => get(who, c));
      const sumLat = await timed(REQUESTS, WARMUP, () => inProcess(who, c, 'summaries'));
      rows.push({
        scope: who.label,
        call: c.name,
        answeredBy: first.scope.source,
        rows: first.rows?.length ?? 1,
        api: apiLat,
        summaries: sumLat,
        source: null,
        agree: '—',
      });
      console.log(
        `  ${c.name.padEnd(26)} (${first.scope.source}, ${first.rows?.length ?? 1} rows): API p50/p95/max ` +
          `${fmtLat(apiLat)} ms; in process from summaries ${fmtLat(sumLat)} ms`,
      );
    }
    // The page loads four calls at once: the summary, the two trends and the ranking of its view (regions by
    // default; the offices view swaps by=region for by=office).
    for (const view of VIEWS) {
      const calls = CALLS.filter((c) => view.calls.includes(c.name));
      const apiDash = await timed(REQUESTS, WARMUP, () => Promise.all(calls.map((c) => get(who, c))));
      const sumDash = await timed(REQUESTS, WARMUP, () =>
        Promise.all(calls.map((c) => inProcess(who, c, 'summaries'))),
      );
      dashboards.push({ scope: who.label, view: view.name, api: apiDash, summaries: sumDash });
      console.log(
        `  ${view.name.padEnd(26)} API p50/p95/max ${fmtLat(apiDash)} ms; ` +
          `in process from summaries ${fmtLat(sumDash)} ms`,
      );
    }
  }
  // The API stops before the slow baseline: its idle process takes nothing, but a clean machine is cheaper than doubt.
  await api.close();

  // —— the baseline: the same indicators straight from the source tables ——
  console.log('\nfrom source (in process):');
  for (const who of scopes) {
    const t0 = performance.now();
    await inProcess(who, CALLS[1], 'source'); // warm-up: reads every source table of the scope
    console.log(`  ${who.label}: warm-up (by=month) ${secs(t0).toFixed(1)} s`);
    for (const c of CALLS) {
      const row = rows.find((r) => r.scope === who.label && r.call === c.name)!;
      const reference = await inProcess(who, c, 'summaries');
      const times: number[] = [];
      for (let i = 0; i < SOURCE_RUNS; i++) {
        const t1 = performance.now();
        const answer = await inProcess(who, c, 'source');
        times.push(performance.now() - t1);
        if (i === 0) row.agree = agreement(reference, answer);
      }
      row.source = lat(times);
      console.log(
        `  ${who.label}: ${c.name.padEnd(26)} p50/p95/max ${fmtLat(row.source)} ms = ` +
          `${(row.source.p50 / row.summaries.p50).toFixed(0)} × summaries (p50); agree with the summaries: ${row.agree}`,
      );
    }
  }

  // —— the projector ——
  console.log(`\nprojector (drain(${PROJECT_BATCH}) until stats_changes is empty):`);
  interface Drain {
    what: string;
    update: number;
    changes: number;
    result: ProjectResult;
    seconds: number;
  }
  const drains: Drain[] = [];
  const project = async (what: string, sql: string, ids: string[]) => {
    const t0 = performance.now();
    await pool.query(sql, [ids]);
    const update = secs(t0);
    const changes = await logged();
    const t1 = performance.now();
    const result = await projector.drain(PROJECT_BATCH);
    const d: Drain = { what, update, changes, result, seconds: secs(t1) };
    drains.push(d);
    console.log(
      `  ${what}: UPDATE ${d.update.toFixed(1)} s (${fmt(changes)} changes logged); drained in ` +
        `${d.seconds.toFixed(1)} s = ${fmt(result.changes / d.seconds)} changes/s ` +
        `(${fmt(result.entities)} entities, ${fmt(result.cells)} cells written)`,
    );
  };
  const touched = (
    await pool.query<{ id: string }>(`SELECT id FROM cases ORDER BY random() LIMIT $1`, [PROJECT_CASES])
  ).rows.map((r) => r.id);
  await project(
    `${fmt(touched.length)} random cases, updated_at = now()`,
    `UPDATE cases SET updated_at = now() WHERE id = ANY($1::uuid[])`,
    touched,
  );
  const fined = (
    await pool.query<{ id: string }>(
      `SELECT id FROM cases WHERE fine_fen > 0 AND decided_on IS NOT NULL ORDER BY random() LIMIT $1`,
      [PROJECT_CASES],
    )
  ).rows.map((r) => r.id);
  try {
    await project(
      `${fmt(fined.length)} fined cases, fine + ¥1`,
      `UPDATE cases SET fine_fen = fine_fen + 100 WHERE id = ANY($1::uuid[])`,
      fined,
    );
  } finally {
    await project(
      `the same cases, fine − ¥1 (back)`,
      `UPDATE cases SET fine_fen = fine_fen - 100 WHERE id = ANY($1::uuid[])`,
      fined,
    );
  }
  const gd = scopes[0];
  const t2 = performance.now();
  const afterAgree = agreement(
    await inProcess(gd, CALLS[0], 'summaries'),
    await inProcess(gd, CALLS[0], 'source'),
  );
  console.log(
    `  after projecting: ${gd.label} summary from the summaries agrees with source: ${afterAgree} ` +
      `(${secs(t2).toFixed(1)} s)`,
  );
  // Dead tuples and cleared visibility-map bits for the next run (autovacuum's work in service).
  const t3 = performance.now();
  await pool.query(`VACUUM (ANALYZE) cases, ${STATS_TABLES.join(', ')}`);
  console.log(`  vacuumed cases and the stats tables in ${secs(t3).toFixed(1)} s`);

  await ctx.close();
  await pool.end();
  rmSync(storage, { recursive: true, force: true });

  // —— report ——
  const worstApi = Math.max(...rows.map((r) => r.api.p95), ...dashboards.map((d) => d.api.p95));
  const ratios = rows.filter((r) => r.source).map((r) => r.source!.p50 / r.summaries.p50);
  const ratiosP95 = rows.filter((r) => r.source).map((r) => r.source!.p95 / r.summaries.p95);
  const minRatio = Math.min(...ratios);
  console.log(
    `\n${fmt(counts.cases)} cases, ${fmt(counts.complaints)} complaints, ${fmt(counts.referrals)} referrals; ` +
      `period ${period.from} … ${period.to}; ${machine()}; ` +
      (generated !== null ? `cases generated in ${generated.toFixed(0)} s; ` : '') +
      `${loadAvg()}; ${new Date().toISOString()}\n`,
  );
  console.log(
    '| scope | call (answered by) | API p50 / p95 / max (ms) | in process, summaries p50 / p95 | ' +
      'in process, source p50 / p95 (baseline) | ratio source ÷ summaries p50 / p95 | agree |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.scope} | ${r.call} (${r.answeredBy}, ${r.rows} rows) | ${fmtLat(r.api)} | ` +
        `${ms(r.summaries.p50)} / ${ms(r.summaries.p95)} | ` +
        (r.source
          ? `${fmt(r.source.p50)} / ${fmt(r.source.p95)} | ${fmt(r.source.p50 / r.summaries.p50)} / ` +
            `${fmt(r.source.p95 / r.summaries.p95)}`
          : '— | —') +
        ` | ${r.agree} |`,
    );
  }
  for (const d of dashboards) {
    const view = VIEWS.find((v) => v.name === d.view)!;
    const mine = rows.filter((r) => r.scope === d.scope && r.source && view.calls.includes(r.call));
    const sourceSum = mine.reduce((s, r) => s + r.source!.p50, 0);
    console.log(
      `| ${d.scope} | ${d.view} (4 calls in parallel) | ${fmtLat(d.api)} | ` +
        `${ms(d.summaries.p50)} / ${ms(d.summaries.p95)} | ${fmt(sourceSum)} (sum of the calls' p50, in sequence) | — | — |`,
    );
  }
  report.note(
    `${fmt(counts.cases)} cases (广东 ${fmt(counts.gd_cases)}), ${fmt(counts.complaints)} complaints, ` +
      `${fmt(counts.referrals)} referrals, ${fmt(counts.listings)} listings; period ${period.from} … ${period.to}`,
  );
  report.note(
    `API: ${REQUESTS} sequential requests per call after ${WARMUP} warm-up; in process: summaries ${REQUESTS} after ` +
      `${WARMUP}, source ${SOURCE_RUNS} after one warm-up query` +
      (generated !== null ? `; cases generated in ${generated.toFixed(0)} s` : ''),
  );
  for (const r of rows) {
    report.add({
      figure: `${r.scope}: ${r.call} (${r.answeredBy}, ${r.rows} rows)`,
      value: r.api.p95,
      unit: 'ms p95',
      detail:
        `API p50 ${ms(r.api.p50)} / max ${ms(r.api.max)} ms; in process from the summaries p50 ` +
        `${ms(r.summaries.p50)} / p95 ${ms(r.summaries.p95)} ms`,
      baseline: r.source?.p95 ?? null,
      baselineDetail: r.source ? `p50 ${fmt(r.source.p50)} ms` : undefined,
      baselineLabel:
        'the same indicators from the source tables, in process (StatsQueryService, from: source)',
      ratio: r.source ? r.source.p50 / r.summaries.p50 : null,
      ratioLabel: r.source
        ? `source ÷ summaries in process, p50 (p95: ${fmt(r.source.p95 / r.summaries.p95)})`
        : undefined,
      target: `API p95 < ${TARGET_P95_MS} ms; ratio ≥ ${TARGET_RATIO}`,
      met:
        r.api.p95 < TARGET_P95_MS &&
        (!r.source || r.source.p50 / r.summaries.p50 >= TARGET_RATIO) &&
        r.agree === 'yes',
      note: r.agree === 'yes' ? undefined : `summaries and source disagree: ${r.agree}`,
    });
  }
  for (const d of dashboards) {
    const view = VIEWS.find((v) => v.name === d.view)!;
    const mine = rows.filter((r) => r.scope === d.scope && r.source && view.calls.includes(r.call));
    report.add({
      figure: `${d.scope}: ${d.view} (4 calls in parallel)`,
      value: d.api.p95,
      unit: 'ms p95',
      detail: `API p50 ${ms(d.api.p50)} / max ${ms(d.api.max)} ms`,
      baseline: mine.reduce((s, r) => s + r.source!.p50, 0),
      baselineLabel: "from source: the sum of the four calls' p50, in sequence (ms)",
      ratio: null,
      target: `p95 < ${TARGET_P95_MS} ms`,
      met: d.api.p95 < TARGET_P95_MS,
    });
  }
  for (const d of drains) {
    report.add({
      figure: `projector: ${d.what}`,
      value: d.result.changes / d.seconds,
      unit: 'changes/s',
      detail: `${fmt(d.changes)} changes drained in ${d.seconds.toFixed(1)} s, ${fmt(d.result.cells)} cells written`,
      baseline: null,
      baselineLabel: `none (drain(${PROJECT_BATCH}) until stats_changes is empty; UPDATE ${d.update.toFixed(1)} s)`,
      ratio: null,
    });
  }
  console.log('\n| projector | UPDATE | changes | drain | changes/s | cells written |');
  console.log('|---|---|---|---|---|---|');
  for (const d of drains) {
    console.log(
      `| ${d.what} | ${d.update.toFixed(1)} s | ${fmt(d.changes)} | ${d.seconds.toFixed(1)} s | ` +
        `${fmt(d.result.changes / d.seconds)} | ${fmt(d.result.cells)} |`,
    );
  }
  console.log(
    rebuild.ran !== null
      ? `\nfull rebuild (rebuildStats, during preparation): ${rebuild.ran.toFixed(1)} s`
      : rebuild.last
        ? `\nfull rebuild: not run (statistics current); the last one by this benchmark took ` +
          `${rebuild.last.seconds.toFixed(1)} s (${rebuild.last.at} UTC)`
        : '\nfull rebuild: not run (statistics current)',
  );
  console.log(
    `\ntargets: API p95 < ${TARGET_P95_MS} ms from the summaries — worst ${ms(worstApi)} ms: ` +
      `${worstApi < TARGET_P95_MS ? 'met' : '**NOT met**'}` +
      rows
        .filter((r) => r.api.p95 >= TARGET_P95_MS)
        .map((r) => `\n  over: ${r.scope} ${r.call} p95 ${ms(r.api.p95)} ms`)
        .join('') +
      dashboards
        .filter((d) => d.api.p95 >= TARGET_P95_MS)
        .map((d) => `\n  over: ${d.scope} ${d.view} p95 ${ms(d.api.p95)} ms`)
        .join('') +
      `\n         summaries ≥ ${TARGET_RATIO} × faster than source — lowest ratio ${fmt(minRatio)} (p50), ` +
      `${fmt(Math.min(...ratiosP95))} (p95): ${minRatio >= TARGET_RATIO ? 'met' : '**NOT met**'}` +
      `; source and summaries agree: ${rows.every((r) => r.agree === 'yes') && afterAgree === 'yes' ? 'yes' : '**NO**'}` +
      (drift?.length
        ? `\n  (schema drift: ${drift.length} differences from a fresh migration, listed above)`
        : ''),
  );
  report.note(
    rebuild.ran !== null
      ? `full rebuild (rebuildStats, during preparation): ${rebuild.ran.toFixed(1)} s`
      : rebuild.last
        ? `full rebuild: not run (statistics current); the last one took ${rebuild.last.seconds.toFixed(1)} s ` +
          `(${rebuild.last.at} UTC)`
        : 'full rebuild: not run (statistics current)',
  );
  report.note(
    `after projecting, 广东's summary from the summaries agrees with source: ${afterAgree}; lowest ratio ` +
      `${fmt(minRatio)} (p50), ${fmt(Math.min(...ratiosP95))} (p95)`,
  );
  if (drift?.length)
    report.note(`SCHEMA DRIFT: ${drift.length} differences from a fresh migration (see the log)`);
  report.write();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
