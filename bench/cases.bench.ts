/**
 * Case-handling benchmark on a generated data set (npm run bench:cases). Prints each figure next to a baseline
 * measured in the same run on the same machine, and their ratio:
 *   1. The case list, GET /api/v1/cases?page=1&pageSize=20: as an officer of the busiest prefecture office (scope =
 *      the office's region), with typical filters, and as the provincial supervisor of 广东 (the largest province).
 *   2. Free text, GET /api/v1/cases?q=…: a fragment of a party name, a right number, a case number, and a very
 *      common three-character fragment as the worst case.
 *      Baseline for 1 and 2: the SQL of the same filter from the service's own builder (buildCaseListSql), list and
 *      count in parallel through pg as the repository runs them — so the ratio is the cost of HTTP, auth, validation,
 *      scope and mapping on top of the database.
 *   3. Transitions, POST /api/v1/cases/:id/actions/file on registered cases (≥ 2 officers) by officers of their
 *      office, 8 concurrent; against a bare UPDATE … version = version + 1 plus one audit-shaped INSERT per
 *      transaction through pg.
 * Latency: sequential requests, BENCH_REQUESTS (200) per variant after 20 warm-up requests; p50 / p95 in ms.
 *
 * Data: database BENCH_DATABASE_URL (ipe_bench_cases) with BENCH_CASES (1,000,000) cases from
 * bench/data/case-generator.ts. It is generated once and reused while its marker (table bench_dataset) matches the
 * generator version, case count and seed; BENCH_REGENERATE=1 rebuilds it; BENCH_DATA_ONLY=1 stops after the data.
 * The transitions consume registered cases (a few hundred per run), so reruns see slightly fewer of them.
 * The data line and the report's header give the share of cases with a referral by kind, the cases moved between
 * offices and the supervised share of open cases (issue 6: the targets hold with ≈ 10 % of the cases referred).
 */
import 'reflect-metadata';
import { loadConfigWith } from '@app/config';
import { dropDatabase, migrate } from '@app/database';
import { OPEN_REFERRAL_STATES, REFERRAL_KIND_CODES } from '@app/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { buildCaseListSql, type CaseListFilter } from '../libs/cases/src/case-list.query';
import { seedReferenceAndDemoData } from '../test/support/seed';
import { CASE_GENERATOR_VERSION, generateCases } from './data/case-generator';
import { fmt, loadAvg, machine, ms, pct, rate, recorder, startCompiledApi, type Latency } from './support';

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ipe_bench_cases';
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = 8;
const PASSWORD = 'Demo@2026';
const LIST_TARGET_MS = 50;
const SEARCH_TARGET_MS = 150;

/** Runs `fn` WARMUP + REQUESTS times in sequence; p50 / p95 of the timed runs (ms). */
async function latency(fn: (i: number) => Promise<unknown>): Promise<Latency> {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    await fn(WARMUP + i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

// ————————————————————————————————————————— the data set —————————————————————————————————————————

interface Marker {
  generator_version: number;
  cases: number;
  seed: number;
  seconds: number;
}

async function readMarker(): Promise<Marker | null> {
  const c = new Client({ connectionString: DB_URL });
  try {
    await c.connect();
  } catch {
    return null; // no database yet
  }
  try {
    const { rows } = await c.query<Marker>(
      `SELECT generator_version, cases, seed, seconds::float AS seconds FROM bench_dataset`,
    );
    return rows[0] ?? null;
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

/** Reuses the data set when its marker matches; otherwise rebuilds it. Returns the generation time if it ran. */
async function ensureDataset(config: ReturnType<typeof loadConfigWith>): Promise<number | null> {
  const marker = await readMarker();
  const matches =
    marker?.generator_version === CASE_GENERATOR_VERSION && marker.cases === CASES && marker.seed === SEED;
  if (matches && process.env.BENCH_REGENERATE !== '1') {
    await migrate(config); // a migration added since the data set was made
    console.log(
      `data set: reusing ${fmt(CASES)} cases (generator v${CASE_GENERATOR_VERSION}, seed ${SEED}, ` +
        `generated in ${marker.seconds.toFixed(0)} s)`,
    );
    return null;
  }
  console.log(
    `data set: generating ${fmt(CASES)} cases (generator v${CASE_GENERATOR_VERSION}, seed ${SEED}) …`,
  );
  await dropDatabase(DB_URL);
  await migrate(config);
  await seedReferenceAndDemoData(config);
  const result = await generateCases(DB_URL, {
    cases: CASES,
    seed: SEED,
    log: (s) => console.log(`  ${s}`),
  });
  const c = new Client({ connectionString: DB_URL });
  await c.connect();
  await c.query(`CREATE TABLE bench_dataset (generator_version int, cases int, seed int, seconds numeric,
                                             generated_at timestamptz DEFAULT now())`);
  await c.query(
    `INSERT INTO bench_dataset (generator_version, cases, seed, seconds) VALUES ($1, $2, $3, $4)`,
    [CASE_GENERATOR_VERSION, CASES, SEED, result.seconds],
  );
  await c.query('VACUUM ANALYZE'); // visibility map and statistics, as a database in service would have
  await c.end();
  console.log(`data set: ${fmt(CASES)} cases in ${result.seconds.toFixed(0)} s`);
  return result.seconds;
}

// ————————————————————————————————————————— the benchmark —————————————————————————————————————————

interface Account {
  username: string;
  token: string;
  /** The scope root the service derives for this account (its office's region). */
  regionRoot: string;
}

async function main(): Promise<void> {
  const storage = mkdtempSync(join(tmpdir(), 'ipe-bench-cases-'));
  const env = {
    DATABASE_URL: DB_URL,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0001',
    LOGIN_RATE_PER_MINUTE: '100000',
    STORAGE_ROOT: storage,
  } as const;
  const config = loadConfigWith(env);
  const report = recorder('cases', {
    cases: CASES,
    seed: SEED,
    requests: REQUESTS,
    warmup: WARMUP,
    seconds: SECONDS,
    concurrency: CONCURRENCY,
  });
  console.log(`# Cases benchmark — ${new Date().toISOString()}\n${machine()}; ${loadAvg()}\n`);
  const generated = await ensureDataset(config);
  if (process.env.BENCH_DATA_ONLY === '1') return;

  const pool = new Pool({ connectionString: DB_URL, max: 10 });
  const one = async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows[0] as T;

  // Who to be: an officer of the office with the most cases (a big prefecture), and 广东's supervisor.
  const busiest = await one<{ office_id: string; region_code: string; n: number; name: string }>(
    `SELECT c.office_id, o.region_code, o.name, count(*)::int AS n FROM cases c JOIN offices o ON o.id = c.office_id
      WHERE o.region_code NOT LIKE '%0000' GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 1`,
  );
  const officerName = (
    await one<{ username: string }>(
      `SELECT username FROM users WHERE office_id = $1 AND 'officer' = ANY(roles) AND username LIKE 'bulk.%'
        ORDER BY username LIMIT 1`,
      [busiest.office_id],
    )
  ).username;
  const supervisorName = 'bulk.sup.44';
  const counts = await one<{ province: number; total: number; open: number; supervised: number }>(
    `SELECT count(*) FILTER (WHERE province_code = '440000')::int AS province, count(*)::int AS total,
            count(*) FILTER (WHERE closed_on IS NULL)::int AS open, count(*) FILTER (WHERE supervised)::int AS supervised
       FROM cases`,
  );
  // Referrals in the data set (issue 6): cases with one, by kind; referrals and the open ones; cases moved.
  const referred = await one<Record<string, number>>(
    `SELECT count(DISTINCT case_id)::int AS referred, count(*)::int AS referrals,
            count(*) FILTER (WHERE state = ANY($1::text[]))::int AS open,
            ${REFERRAL_KIND_CODES.map((k) => `count(DISTINCT case_id) FILTER (WHERE kind = '${k}')::int AS ${k}`).join(', ')},
            (SELECT count(DISTINCT case_id) FROM case_office_history)::int AS moved
       FROM referrals`,
    [OPEN_REFERRAL_STATES],
  );
  const share = (n: number, of = counts.total) => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`;
  const referralLine =
    `${share(referred.referred)} of cases referred (` +
    REFERRAL_KIND_CODES.map((k) => `${k} ${share(referred[k])}`).join(', ') +
    `; ${fmt(referred.referrals)} referrals, ${fmt(referred.open)} open; ${fmt(referred.moved)} cases moved office); ` +
    `${share(counts.supervised, counts.open)} of open cases supervised (${fmt(counts.supervised)})`;

  // The API as production runs it: compiled, in its own process (startCompiledApi).
  const api = await startCompiledApi({ ...env, WEB_DIST: '/nonexistent', DATABASE_POOL_SIZE: '10' });
  const base = api.base;
  const login = async (username: string): Promise<string> => {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  const officer: Account = {
    username: officerName,
    token: await login(officerName),
    regionRoot: busiest.region_code,
  };
  const supervisor: Account = {
    username: supervisorName,
    token: await login(supervisorName),
    regionRoot: '440000',
  };
  console.log(
    `data: ${fmt(counts.total)} cases; officer ${officer.username} of ${busiest.name} (${fmt(busiest.n)} cases, ` +
      `scope ${officer.regionRoot}); supervisor ${supervisor.username} (广东, ${fmt(counts.province)} cases)\n` +
      `referrals: ${referralLine}\n`,
  );

  const get = async (who: Account, query: string) => {
    const res = await fetch(`${base}/cases?${query}`, { headers: { authorization: `Bearer ${who.token}` } });
    if (res.status !== 200) throw new Error(`GET /cases?${query}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { items: unknown[]; total: number };
  };
  /** The filter CaseService.list builds for these query parameters. */
  const filterOf = (who: Account, q: Record<string, string>): CaseListFilter => ({
    regionRoot: who.regionRoot,
    ipType: q.ipType,
    statuses: q.status?.split(','),
    overdue: q.overdue === 'true' || undefined,
    receivedFrom: q.receivedFrom,
    q: q.q?.trim() || undefined,
    sort: 'received_desc',
    page: Number(q.page ?? 1),
    pageSize: Number(q.pageSize ?? 20),
    now: new Date(),
  });
  const bare = async (who: Account, q: Record<string, string>) => {
    const { listSql, listParams, countSql, countParams } = buildCaseListSql(filterOf(who, q));
    await Promise.all([pool.query(listSql, listParams), pool.query(countSql, countParams)]);
  };

  interface Row {
    name: string;
    api: Latency;
    base: Latency;
    target: number;
    total: number;
    explain?: string;
  }
  const rows: Row[] = [];
  const measure = async (name: string, who: Account, queries: Record<string, string>[], target: number) => {
    const qs = queries.map((q) => new URLSearchParams({ page: '1', pageSize: '20', ...q }).toString());
    const first = await get(who, qs[0]);
    const apiLat = await latency((i) => get(who, qs[i % qs.length]));
    const baseLat = await latency((i) =>
      bare(who, { page: '1', pageSize: '20', ...queries[i % queries.length] }),
    );
    const row: Row = { name, api: apiLat, base: baseLat, target, total: first.total };
    if (apiLat.p95 >= target || process.env.BENCH_EXPLAIN === '1') {
      const { listSql, listParams, countSql, countParams } = buildCaseListSql(filterOf(who, queries[0]));
      const plan = async (sql: string, params: unknown[]) =>
        (await pool.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params)).rows
          .map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`)
          .join('\n');
      row.explain = `  list:\n${await plan(listSql, listParams)}\n  count:\n${await plan(countSql, countParams)}`;
    }
    rows.push(row);
    console.log(
      `  ${name}: API p50 ${ms(apiLat.p50)} / p95 ${ms(apiLat.p95)} ms; bare SQL p50 ${ms(baseLat.p50)} / ` +
        `p95 ${ms(baseLat.p95)} ms (total ${fmt(first.total)})`,
    );
  };

  // 1. The list.
  console.log('list:');
  await measure('officer: page 1', officer, [{}], LIST_TARGET_MS);
  await measure('officer: status=investigating', officer, [{ status: 'investigating' }], LIST_TARGET_MS);
  await measure('officer: ipType=trademark', officer, [{ ipType: 'trademark' }], LIST_TARGET_MS);
  await measure('officer: overdue=true', officer, [{ overdue: 'true' }], LIST_TARGET_MS);
  await measure(
    'officer: receivedFrom=2026-01-01',
    officer,
    [{ receivedFrom: '2026-01-01' }],
    LIST_TARGET_MS,
  );
  await measure('supervisor (province): page 1', supervisor, [{}], LIST_TARGET_MS);
  await measure(
    'supervisor: status=investigating',
    supervisor,
    [{ status: 'investigating' }],
    LIST_TARGET_MS,
  );
  await measure('supervisor: overdue=true', supervisor, [{ overdue: 'true' }], LIST_TARGET_MS);

  // 2. Free text, as the supervisor (a province of cases to search), over 20 terms per kind taken from the data.
  console.log('search:');
  const terms = async (sql: string) =>
    (await pool.query<{ t: string }>(sql)).rows.map((r) => r.t).filter((t) => t && t.length >= 3);
  const partyTerms = await terms(
    // 4 characters of a respondent company's trade name (after the 2-character place name): 恒达贸易, 华锐电子 …
    `SELECT substr(p.name, 3, 4) AS t FROM cases c JOIN case_parties p ON p.case_id = c.id
      WHERE c.province_code = '440000' AND p.role = 'respondent' AND p.kind = 'enterprise'
        AND p.name LIKE '%公司' ORDER BY c.reg_no DESC LIMIT 20`,
  );
  const rightTerms = await terms(
    `SELECT r.number AS t FROM cases c JOIN case_rights r ON r.case_id = c.id
      WHERE c.province_code = '440000' AND r.number_kind IN ('trademark', 'patent_application')
      ORDER BY c.reg_no DESC LIMIT 20`,
  );
  const caseNoTerms = await terms(
    // Not the newest (5,000 back; a quarter of the province's cases in a small data set).
    `SELECT case_no AS t FROM cases WHERE province_code = '440000' AND case_no IS NOT NULL
      ORDER BY reg_no DESC OFFSET ${Math.min(5000, Math.floor(counts.province / 4))} LIMIT 20`,
  );
  await measure(
    `q=<party name, e.g. ${partyTerms[0]}>`,
    supervisor,
    partyTerms.map((q) => ({ q })),
    SEARCH_TARGET_MS,
  );
  await measure(
    `q=<right number, e.g. ${rightTerms[0]}>`,
    supervisor,
    rightTerms.map((q) => ({ q })),
    SEARCH_TARGET_MS,
  );
  await measure(
    `q=<case number, e.g. ${caseNoTerms[0]}>`,
    supervisor,
    caseNoTerms.map((q) => ({ q })),
    SEARCH_TARGET_MS,
  );
  await measure('q=有限公 (in most cases: worst case)', supervisor, [{ q: '有限公' }], SEARCH_TARGET_MS);

  // 3. Transitions: file registered cases of the busiest offices (≥ 2 officers), each by an officer of its office.
  console.log('transitions:');
  const registered = (
    await pool.query<{ id: string; version: number; office_id: string; procedure: string }>(
      `WITH busy AS (SELECT office_id FROM cases WHERE status = 'registered' GROUP BY 1 ORDER BY count(*) DESC LIMIT 40)
       SELECT c.id, c.version, c.office_id, c.procedure FROM cases c JOIN busy USING (office_id)
        WHERE c.status = 'registered' AND (SELECT count(*) FROM case_officers co WHERE co.case_id = c.id) >= 2
        ORDER BY c.received_on DESC, c.id`,
    )
  ).rows;
  const tokens = new Map<string, string>();
  for (const officeId of new Set(registered.map((r) => r.office_id))) {
    const u = await one<{ username: string }>(
      `SELECT username FROM users WHERE office_id = $1 AND 'officer' = ANY(roles) ORDER BY username LIMIT 1`,
      [officeId],
    );
    tokens.set(officeId, await login(u.username));
  }
  // Every other case to the API; 500 of the rest to the baseline, which cycles through them (tracking their
  // versions) and puts them back to 'registered' afterwards, so it neither runs dry nor leaves half-filed cases.
  const forApi = registered.filter((_, i) => i % 2 === 0);
  const forBase = registered.filter((_, i) => i % 2 === 1).slice(0, 500);
  let nextApi = 0;
  let failures = 0;
  let lastFailure = '';
  const apiTimes: number[] = [];
  const procedures = new Map<string, number>();
  const apiRate = await rate(SECONDS * 1000, CONCURRENCY, async () => {
    const c = forApi[nextApi++];
    if (!c) throw new Error(`ran out of registered cases after ${nextApi - 1}: lower BENCH_SECONDS`);
    const t0 = performance.now();
    const res = await fetch(`${base}/cases/${c.id}/actions/file`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(c.office_id)}` },
      body: JSON.stringify({ version: c.version }),
    });
    const body = (await res.json()) as { version?: number; status?: string };
    apiTimes.push(performance.now() - t0);
    if (res.status !== 200 || body.status !== 'investigating') {
      failures++;
      lastFailure = `${res.status} ${JSON.stringify(body).slice(0, 300)}`;
    }
    procedures.set(c.procedure, (procedures.get(c.procedure) ?? 0) + 1);
  });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_audit_like (LIKE audit_events INCLUDING DEFAULTS);
     TRUNCATE bench_audit_like`,
  );
  // Each worker cycles through its own share, so no case is in two transactions at once (a stalled one would
  // otherwise meet its case again, 500 picks later, with the version already moved on).
  const shares = Array.from({ length: CONCURRENCY }, (_, w) =>
    forBase.filter((_, k) => k % CONCURRENCY === w),
  );
  const picks = shares.map(() => 0);
  const baseTimes: number[] = [];
  const restore = () =>
    pool.query(`UPDATE cases SET status = 'registered' WHERE id = ANY($1::uuid[])`, [
      forBase.map((c) => c.id),
    ]);
  const baseRate = await rate(SECONDS * 1000, CONCURRENCY, async (i) => {
    const w = Math.floor(i / 1e9); // rate() passes worker × 1e9 + count
    const c = shares[w][picks[w]++ % shares[w].length];
    const t0 = performance.now();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rowCount } = await client.query(
        `UPDATE cases SET status = 'investigating', version = version + 1 WHERE id = $1 AND version = $2`,
        [c.id, c.version++],
      );
      if (rowCount !== 1) throw new Error(`baseline: case ${c.id} changed under the benchmark`);
      await client.query(
        `INSERT INTO bench_audit_like (id, stream, seq, occurred_at, actor_name, action, entity_type, entity_id, data,
                                       prev_hash, hash)
         VALUES ($1, $2, 1, now(), 'bench', 'case.file', 'case', $3, $4, repeat('0', 64), repeat('0', 64))`,
        [i, `case:${c.id}`, c.id, JSON.stringify({ from: 'registered', to: 'investigating' })],
      );
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
    baseTimes.push(performance.now() - t0);
  }).finally(restore);
  apiTimes.sort((a, b) => a - b);
  baseTimes.sort((a, b) => a - b);
  console.log(
    `  file: API ${fmt(apiRate, 1)}/s (p50 ${ms(pct(apiTimes, 50))}, p95 ${ms(pct(apiTimes, 95))} ms, ` +
      `${failures} failed); bare UPDATE + INSERT ${fmt(baseRate, 1)}/s`,
  );
  if (failures) console.log(`  last failure: ${lastFailure}`);

  await api.close();
  await pool.end();
  rmSync(storage, { recursive: true, force: true });

  // —— report ——
  const met = (r: Row) => (r.api.p95 < r.target ? 'yes' : '**no**');
  console.log(
    `\n${fmt(counts.total)} cases, ${referralLine}; ${REQUESTS} sequential requests per variant after ${WARMUP} warm-up` +
      (generated !== null ? `; data set generated in ${generated.toFixed(0)} s` : '') +
      `; ${loadAvg()}` +
      '\n',
  );
  console.log(
    '| measure | API p50 / p95 (ms) | same-run baseline: bare SQL p50 / p95 (ms) | ratio p50 / p95 | target p95 | met |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.name} (total ${fmt(r.total)}) | ${ms(r.api.p50)} / ${ms(r.api.p95)} | ${ms(r.base.p50)} / ${ms(r.base.p95)} | ` +
        `${(r.api.p50 / r.base.p50).toFixed(2)} / ${(r.api.p95 / r.base.p95).toFixed(2)} | < ${r.target} | ${met(r)} |`,
    );
  }
  console.log(
    `| POST /cases/:id/actions/file, ${CONCURRENCY} concurrent (${[...procedures].map(([p, n]) => `${p} ${n}`).join(', ')}) | ` +
      `${fmt(apiRate, 1)}/s (p50 ${ms(pct(apiTimes, 50))} / p95 ${ms(pct(apiTimes, 95))}) | ` +
      `bare UPDATE + audit-shaped INSERT: ${fmt(baseRate, 1)}/s (p50 ${ms(pct(baseTimes, 50))} / p95 ${ms(pct(baseTimes, 95))}) | ` +
      `${(apiRate / baseRate).toFixed(2)} (throughput) | — | — |`,
  );
  report.note(
    `${fmt(counts.total)} cases; officer ${officer.username} of ${busiest.name} (${fmt(busiest.n)} cases, scope ` +
      `${officer.regionRoot}); supervisor ${supervisor.username} (广东, ${fmt(counts.province)} cases)`,
  );
  report.note(`referrals: ${referralLine}`);
  report.note(
    `latency: ${REQUESTS} sequential requests per variant after ${WARMUP} warm-up; transitions: ${CONCURRENCY} ` +
      `concurrent for ${SECONDS} s` +
      (generated !== null ? `; data set generated in ${generated.toFixed(0)} s` : ''),
  );
  for (const r of rows) {
    report.add({
      figure: `${r.name} (total ${fmt(r.total)})`,
      value: r.api.p95,
      unit: 'ms p95',
      detail: `p50 ${ms(r.api.p50)} ms`,
      baseline: r.base.p95,
      baselineDetail: `p50 ${ms(r.base.p50)} ms`,
      baselineLabel: 'the same SQL (buildCaseListSql, list + count in parallel) on bare pg',
      ratio: r.api.p95 / r.base.p95,
      ratioLabel: 'p95, API ÷ SQL',
      target: `p95 < ${r.target} ms`,
      met: r.api.p95 < r.target,
    });
  }
  report.add({
    figure: `POST /cases/:id/actions/file, ${CONCURRENCY} concurrent`,
    value: apiRate,
    unit: '/s',
    detail: `p50 ${ms(pct(apiTimes, 50))} / p95 ${ms(pct(apiTimes, 95))} ms, ${failures} failed`,
    baseline: baseRate,
    baselineDetail: `p50 ${ms(pct(baseTimes, 50))} / p95 ${ms(pct(baseTimes, 95))} ms`,
    baselineLabel: 'bare UPDATE … version + 1 and one audit-shaped INSERT per transaction through pg',
    ratio: apiRate / baseRate,
    ratioLabel: 'throughput, API ÷ bare',
    note: `procedures: ${[...procedures].map(([p, n]) => `${p} ${n}`).join(', ')}`,
  });
  for (const r of rows.filter((x) => x.explain)) {
    console.log(
      `\nplans for "${r.name}" (API p95 ${ms(r.api.p95)} ms, target ${r.target} ms):\n${r.explain}`,
    );
  }
  report.write();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
