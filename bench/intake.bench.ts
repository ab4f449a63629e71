/**
 * 12330 intake benchmark (npm run bench:intake). Prints each figure next to a baseline measured in the same run on the
 * same machine, and their ratio:
 *   1. The live duplicate check, GET /api/v1/complaints/duplicates, on BENCH_COMPLAINTS (1,000,000) complaints as
 *      the 浙江 12330 operator: BENCH_REQUESTS (200) sequential requests per kind after 20 warm-up ones — the credit
 *      code, the right number, the caller's phone and the respondent's name of complaints drawn at random from the
 *      90-day window (so popular respondents, agents and brands come up as often as they do at the hotline), and all
 *      four together as the console sends them once typed. p50 / p95 per kind and over the four single kinds
 *      interleaved (the "mix"); target: p95 < 30 ms. Baselines: the finder's own code (ComplaintDuplicateFinder) on a
 *      bare pg connection — the database's share — and GET /api/v1/complaints/:id, one primary-key read through the
 *      same HTTP stack (auth, validation, scope) — the stack's share.
 *   2. Intake throughput, POST /api/v1/complaints (validation, routing, numbering, deadline, audit and outbox: one
 *      prepared statement; routing data, calendar and tracking numbers come from the process's caches) against the compiled API in its own process, after a warm-up, with autocannon, BENCH_CONNECTIONS (50) connections for BENCH_SECONDS (12) s, each request a
 *      different valid complaint (complaint-generator.ts complaintBodies: 浙江 / 江苏 regions, all categories,
 *      channels and IP types). Baseline: a bare Fastify route + pg Pool(10) doing one INSERT of the same row (office,
 *      rule and deadline worked out beforehand) into the same table. Both run BENCH_ROUNDS (2) times, alternating,
 *      so load from other work on the machine hits both alike. Targets: ≥ 40 % of the baseline's rate, p99 < 100
 *      ms at the issue's 3,000 req/s base (scaled to this run's base, see P99_TARGET_MS), no errors. Also printed: CPU per request of the API process, PostgreSQL and autocannon (from
 *      process.cpuUsage and /proc), commits and WAL bytes per request — where the time goes.
 * The duplicate check runs first, on the data set as generated; the complaints the throughput runs add (and their
 * outbox rows) are deleted at the end, so every run sees the same data. Audit events are append-only and stay.
 * BENCH_PART=duplicates or intake runs one half only.
 *
 * Data: database BENCH_DATABASE_URL (ipe_bench_intake), generated once (bench/data/complaint-generator.ts, 40–60 s
 * on 2 cores) and reused while its marker (table bench_intake_dataset) has the generator's version and seed and at
 * least BENCH_COMPLAINTS complaints; BENCH_REGENERATE=1 rebuilds it; BENCH_DATA_ONLY=1 stops after the data.
 * The window slides as the data set ages: the output says how many complaints are in it.
 */
import 'reflect-metadata';
import { ScopePolicy } from '@app/auth';
import { loadConfig } from '@app/config';
import type { Actor } from '@app/contracts';
import { acceptanceRuleFor, deadlineWithTolling, ipTypeDef, shanghaiDate } from '@app/domain';
import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import Fastify from 'fastify';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Pool } from 'pg';
import { ComplaintDuplicateFinder } from '../libs/intake/src/complaint-duplicates';
import { complaintBodies, loadCalendar, type ComplaintBody } from './data/complaint-generator';
import { ensureComplaintDataset } from './data/seed-bulk';
import {
  fmt,
  loadAvg,
  machine,
  ms,
  processCpuMs,
  recorder,
  startCompiledApi,
  summary,
  type Latency,
} from './support';

const DB_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ipe_bench_intake';
const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const POOL_SIZE = process.env.BENCH_POOL_SIZE ?? '10';
const BODIES = 20_000;
const OPERATOR = 'operator.zj';
const PASSWORD = 'Demo@2026';
const DUPLICATE_P95_MS = 30;
const RATIO_TARGET = 0.4;
/**
 * p99 < 100 ms is the issue's figure for a machine whose bare-insert base ran at about 3,000 req/s. At a fixed 50
 * connections latency is connections ÷ rate, so on a machine where the base itself runs slower the same code's p99
 * grows in proportion (at a base of 1,000 req/s the bare insert's own p99 is 80–90 ms). The target is therefore
 * scaled by 3,000 ÷ the same run's base rate (never below 100 ms); the table prints both figures.
 */
const P99_TARGET_MS = 100;
const P99_REFERENCE_BASE_RATE = 3_000;

interface Ctx {
  pool: Pool;
  actor: Actor;
  /** http://127.0.0.1:port/api/v1 */
  base: string;
  auth: Record<string, string>;
  dir: string;
  /** The API process (its CPU is read from /proc). */
  apiPid?: number;
}

// ——————————————————————————————————————— 1. the duplicate check ———————————————————————————————————————

/** Just enough of TransactionHost for ComplaintDuplicateFinder, on a plain pg pool: its SQL without Nest, TypeORM or HTTP. */
function pgTxHost(pool: Pool) {
  return { tx: { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows } };
}

interface DupResult {
  kinds: { name: string; api: Latency; bare: Latency; hits: number }[];
  mixApi: Latency;
  mixBare: Latency;
  byId: Latency;
  /** Where the slowest name query's time goes. */
  slowest: string;
}

interface PlanNode {
  'Node Type': string;
  'Actual Rows'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Exact Heap Blocks'?: number;
  'Actual Total Time'?: number;
  Plans?: PlanNode[];
}

/**
 * The finder's name branch for `name`, with EXPLAIN ANALYZE: how many complaints in the window have a similar name
 * core, how many candidates the trigram index gave, on how many heap pages of complaint_names they were rechecked,
 * and the time.
 */
async function explainName(pool: Pool, name: string): Promise<string> {
  const { rows } = await pool.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) FROM complaint_names
      WHERE name_core % ipe_name_core($1) AND received_at >= now() - interval '90 days'
        AND received_on >= ((now() - interval '90 days') AT TIME ZONE 'Asia/Shanghai')::date`,
    [name],
  );
  const [plan] = rows[0]['QUERY PLAN'];
  const nodes: PlanNode[] = [];
  const walk = (n: PlanNode) => (nodes.push(n), n.Plans?.forEach(walk));
  walk(plan.Plan);
  const index = nodes.find((n) => n['Node Type'] === 'Bitmap Index Scan');
  const heap = nodes.find((n) => n['Node Type'] === 'Bitmap Heap Scan');
  const { rows: t } = await pool.query<{ threshold: string }>(`SELECT show_limit()::text AS threshold`);
  return (
    `at similarity ${t[0].threshold}: ${fmt(heap?.['Actual Rows'] ?? 0)} similar, ${fmt(index?.['Actual Rows'] ?? 0)} ` +
    `index candidates (${ms(index?.['Actual Total Time'] ?? 0)} ms) rechecked on ${fmt(heap?.['Exact Heap Blocks'] ?? 0)} ` +
    `heap pages, ${ms(plan['Execution Time'])} ms`
  );
}

async function duplicateCheck({ pool, actor, base, auth }: Ctx): Promise<DupResult> {
  console.log('duplicate check:');
  const n = REQUESTS + WARMUP;
  const window = `received_at >= now() - interval '90 days'`;
  const sample = async (column: string, extra = '') =>
    (
      await pool.query<{ v: string }>(
        `SELECT ${column} AS v FROM complaints WHERE ${window} AND ${column} IS NOT NULL ${extra}
          ORDER BY md5(id::text || $1) LIMIT $2`,
        [String(SEED), n],
      )
    ).rows.map((r) => r.v);
  const single = [
    { name: 'credit code', queries: (await sample('respondent_uscc')).map((v) => ({ respondentUscc: v })) },
    { name: 'right number', queries: (await sample('right_number')).map((v) => ({ rightNumber: v })) },
    { name: 'phone', queries: (await sample('complainant_phone')).map((v) => ({ phone: v })) },
    {
      name: 'respondent name',
      queries: (await sample('respondent_name', 'AND length(respondent_name) >= 3')).map((v) => ({
        respondentName: v,
      })),
    },
  ];
  const fourFields = (
    await pool.query<Record<string, string | null>>(
      `SELECT respondent_uscc, right_number, complainant_phone, respondent_name FROM complaints
        WHERE ${window} AND respondent_name IS NOT NULL ORDER BY md5(id::text || $1) LIMIT $2`,
      [`${SEED}:4`, n],
    )
  ).rows.map((r) => {
    const q: Record<string, string> = { respondentName: r.respondent_name! };
    if (r.respondent_uscc) q.respondentUscc = r.respondent_uscc;
    if (r.right_number) q.rightNumber = r.right_number;
    if (r.complainant_phone) q.phone = r.complainant_phone;
    return q;
  });
  const all = [...single, { name: 'all four fields', queries: fourFields }];

  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: auth });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as unknown[];
  };
  const path = (q: Record<string, string>) => `/complaints/duplicates?${new URLSearchParams(q).toString()}`;
  const finder = new ComplaintDuplicateFinder(
    pgTxHost(pool) as unknown as TransactionHost<TransactionalAdapterTypeOrm>,
    new ScopePolicy(),
  );
  const timed = async (fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    return performance.now() - s;
  };

  const apiTimes = new Map<string, number[]>(all.map((k) => [k.name, []]));
  const bareTimes = new Map<string, number[]>(all.map((k) => [k.name, []]));
  const hits = new Map<string, number>(all.map((k) => [k.name, 0]));
  for (const k of all) {
    for (let i = 0; i < WARMUP; i++) {
      await get(path(k.queries[i % k.queries.length]));
      await finder.find(actor, k.queries[i % k.queries.length]);
    }
  }
  // The single kinds interleaved (one of each in turn: the mix), then the four-field queries.
  for (const group of [single, all.slice(-1)]) {
    for (let i = WARMUP; i < n; i++) {
      for (const k of group) {
        const q = k.queries[i % k.queries.length];
        let found = 0;
        apiTimes.get(k.name)!.push(await timed(async () => (found = (await get(path(q))).length)));
        hits.set(k.name, hits.get(k.name)! + found);
        bareTimes.get(k.name)!.push(await timed(() => finder.find(actor, q)));
      }
    }
  }
  const kinds = all.map((k) => ({
    name: k.name,
    api: summary(apiTimes.get(k.name)!),
    bare: summary(bareTimes.get(k.name)!),
    hits: hits.get(k.name)! / REQUESTS,
  }));
  for (const r of kinds) {
    console.log(
      `  ${r.name}: API p50 ${ms(r.api.p50)} / p95 ${ms(r.api.p95)} ms; finder on bare pg p50 ${ms(r.bare.p50)} / ` +
        `p95 ${ms(r.bare.p95)} ms; ${r.hits.toFixed(1)} visible hits on average`,
    );
  }
  const mixApi = summary(single.flatMap((k) => apiTimes.get(k.name)!));
  const mixBare = summary(single.flatMap((k) => bareTimes.get(k.name)!));

  // The same HTTP stack around one primary-key read: GET /complaints/:id of complaints in the operator's scope.
  const ids = (
    await pool.query<{ id: string }>(
      `SELECT id FROM complaints WHERE ${window} AND region_code >= '330000' AND region_code < '340000'
        ORDER BY md5(id::text) LIMIT $1`,
      [n],
    )
  ).rows.map((r) => r.id);
  const byIdTimes: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = await timed(async () => {
      const res = await fetch(`${base}/complaints/${ids[i % ids.length]}`, { headers: auth });
      if (res.status !== 200) throw new Error(`GET /complaints/:id: ${res.status}`);
      await res.arrayBuffer();
    });
    if (i >= WARMUP) byIdTimes.push(t);
  }
  const byId = summary(byIdTimes);
  const nameTimes = apiTimes.get('respondent name')!;
  const worst = nameTimes.indexOf(Math.max(...nameTimes));
  const worstName = (single[3].queries[(WARMUP + worst) % single[3].queries.length] as Record<string, string>)
    .respondentName;
  const slowest = `"${worstName}" (API ${ms(nameTimes[worst])} ms) — ${await explainName(pool, worstName)}`;
  console.log(`  slowest name query ${slowest}`);
  console.log(
    `  mix of the four: API p50 ${ms(mixApi.p50)} / p95 ${ms(mixApi.p95)} ms; finder on bare pg p50 ` +
      `${ms(mixBare.p50)} / p95 ${ms(mixBare.p95)} ms; GET /complaints/:id p50 ${ms(byId.p50)} / p95 ${ms(byId.p95)} ms`,
  );
  return { kinds, mixApi, mixBare, byId, slowest };
}

// ——————————————————————————————————————— 2. intake throughput ———————————————————————————————————————

/**
 * autocannon in a child process (in-process it would steal the server's event loop), each request taking the next
 * body (setupRequest), so every POST is a different complaint. Prints its result and its own CPU time.
 */
const RUNNER = `
const autocannon = require(process.env.AC_MODULE);
const bodies = JSON.parse(require('fs').readFileSync(process.env.AC_BODIES, 'utf8'));
let i = 0;
autocannon({
  url: process.env.AC_URL,
  connections: Number(process.env.AC_CONNECTIONS),
  duration: Number(process.env.AC_SECONDS),
  method: 'POST',
  headers: JSON.parse(process.env.AC_HEADERS),
  requests: [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }],
}, (err, r) => {
  if (err) { console.error(err); process.exit(1); }
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99,
    errors: r.errors, non2xx: r.non2xx, total: r.requests.total, codes: r.statusCodeStats,
    cpuMs: (cpu.user + cpu.system) / 1000 }));
});`;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  codes: unknown;
  /** CPU ms of the server process, PostgreSQL and autocannon during the run. */
  cpu: { server: number; postgres: number; loader: number };
  commits: number;
  walBytes: number;
}

/** CPU ticks used so far by each postgres process (utime + stime from /proc; empty where /proc is missing). */
function postgresTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(f[11]) + Number(f[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/** PostgreSQL CPU ms between two samples, over the processes alive at the end (USER_HZ = 100). */
function postgresCpuMs(before: Map<string, number>, after: Map<string, number>): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks * 10;
}

async function postLoad(
  ctx: Ctx,
  url: string,
  bodies: readonly string[],
  headers: Record<string, string>,
  seconds = SECONDS,
): Promise<Run> {
  const file = join(ctx.dir, 'bodies.json');
  writeFileSync(file, JSON.stringify(bodies));
  const stat = async () =>
    (
      await ctx.pool.query<{ commits: string; wal: string }>(
        `SELECT xact_commit::text AS commits, pg_current_wal_lsn()::text AS wal FROM pg_stat_database
          WHERE datname = current_database()`,
      )
    ).rows[0];
  const s0 = await stat();
  const cpu0 = process.cpuUsage();
  const child0 = ctx.apiPid && url.startsWith(ctx.base) ? processCpuMs(ctx.apiPid) : null;
  const pg0 = postgresTicks();
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', RUNNER], {
    maxBuffer: 1 << 24,
    env: {
      ...process.env,
      AC_MODULE: require.resolve('autocannon'),
      AC_BODIES: file,
      AC_URL: url,
      AC_CONNECTIONS: String(CONNECTIONS),
      AC_SECONDS: String(seconds),
      AC_HEADERS: JSON.stringify({ 'content-type': 'application/json', ...headers }),
    },
  });
  const cpu = process.cpuUsage(cpu0);
  const pg = postgresCpuMs(pg0, postgresTicks());
  const s1 = await stat();
  const wal = await ctx.pool.query<{ d: string }>(
    `SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS d`,
    [s1.wal, s0.wal],
  );
  const r = JSON.parse(stdout) as Omit<Run, 'cpu' | 'commits' | 'walBytes'> & { cpuMs: number };
  return {
    ...r,
    cpu: {
      server: child0 === null ? (cpu.user + cpu.system) / 1000 : processCpuMs(ctx.apiPid!) - child0,
      postgres: pg,
      loader: r.cpuMs,
    },
    commits: Number(s1.commits) - Number(s0.commits),
    walBytes: Number(wal.rows[0].d),
  };
}

/** The rows the baseline INSERTs: each body plus what the service would work out (office, rule, deadline). */
async function baselineBodies(ctx: Ctx, bodies: readonly ComplaintBody[]): Promise<string[]> {
  const offices = (
    await ctx.pool.query<{ id: string; region_code: string; competences: string[] }>(
      `SELECT id, region_code, competences FROM offices WHERE active ORDER BY region_code DESC, name`,
    )
  ).rows;
  const client = new Client({ connectionString: DB_URL });
  await client.connect();
  const calendar = await loadCalendar(client).finally(() => client.end());
  const today = shanghaiDate(new Date());
  // OfficeService.findCompetent: nearest up region → prefecture → province, then by name.
  const competent = (region: string | undefined, ipType: string | undefined) => {
    const competence = ipType ? ipTypeDef(ipType)?.competence : null;
    if (!competence || !region) return null;
    const chain = new Set([region, `${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`]);
    return offices.find((o) => chain.has(o.region_code) && o.competences.includes(competence))?.id ?? null;
  };
  return bodies.map((b) => {
    const suggested = competent(b.regionCode, b.ipType);
    const rule = acceptanceRuleFor({ category: b.category, ipType: b.ipType ?? null, channel: b.channel });
    const due = rule
      ? deadlineWithTolling(
          { start: today, startAt: new Date(), amount: rule.amount, unit: rule.unit },
          calendar,
        )
      : null;
    return JSON.stringify({
      ...b,
      officeId: suggested ?? ctx.actor.officeId,
      suggestedOfficeId: suggested,
      ruleId: rule?.id ?? null,
      dueAt: due?.dueAt?.toISOString() ?? null,
      dueDate: due?.due ?? null,
      rightNumberKind: b.ipType && b.rightNumber ? (ipTypeDef(b.ipType)?.rightNumberKinds[0] ?? null) : null,
    });
  });
}

const BARE_COLUMNS: readonly (readonly [column: string, value: (b: Record<string, unknown>) => unknown])[] = [
  ['channel', (b) => b.channel],
  ['category', (b) => b.category],
  ['anonymous', (b) => b.anonymous === true],
  ['confidential', (b) => b.category === 'report'],
  ['complainant_name', (b) => b.complainantName],
  ['complainant_phone', (b) => b.complainantPhone],
  ['complainant_id_number', (b) => b.complainantIdNumber],
  ['complainant_uscc', (b) => b.complainantUscc],
  ['complainant_org', (b) => b.complainantOrg],
  ['complainant_email', (b) => b.complainantEmail],
  ['respondent_name', (b) => b.respondentName],
  ['respondent_uscc', (b) => b.respondentUscc],
  ['respondent_address', (b) => b.respondentAddress],
  ['respondent_shop', (b) => b.respondentShop],
  ['respondent_platform', (b) => b.respondentPlatform],
  ['respondent_url', (b) => b.respondentUrl],
  ['ip_type', (b) => b.ipType],
  ['right_number', (b) => b.rightNumber],
  ['right_number_kind', (b) => b.rightNumberKind],
  ['region_code', (b) => b.regionCode],
  ['description', (b) => b.description],
  ['office_id', (b) => b.officeId],
  ['suggested_office_id', (b) => b.suggestedOfficeId],
  ['received_by', (b) => b.receivedBy],
  ['rule_id', (b) => b.ruleId],
  ['due_at', (b) => b.dueAt],
  ['due_date', (b) => b.dueDate],
];
/** One statement: the tracking number from the sequence and the row, as the service stores it. */
const BARE_SQL = `
  WITH s AS (SELECT nextval('complaint_tracking_seq') AS seq)
  INSERT INTO complaints (seq, tracking_no, received_at, received_on, ${BARE_COLUMNS.map((c) => c[0]).join(', ')})
  SELECT s.seq, '12330-' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || '-'
           || lpad(s.seq::text, greatest(6, length(s.seq::text)), '0'),
         now(), (now() AT TIME ZONE 'Asia/Shanghai')::date, ${BARE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}
    FROM s RETURNING id, tracking_no`;

interface IntakeResult {
  api: Run[];
  bare: Run[];
}

async function intakeThroughput(ctx: Ctx): Promise<IntakeResult> {
  console.log('intake throughput:');
  const bodies = await complaintBodies(DB_URL, BODIES, SEED + 100);
  const first = await fetch(`${ctx.base}/complaints`, {
    method: 'POST',
    headers: { ...ctx.auth, 'content-type': 'application/json' },
    body: JSON.stringify(bodies[0]),
  });
  if (first.status !== 201) throw new Error(`POST /complaints: ${first.status} ${await first.text()}`);
  const apiBodies = bodies.map((b) => JSON.stringify(b));
  const bareBodies = await baselineBodies(ctx, bodies);

  const barePool = new Pool({ connectionString: DB_URL, max: Number(POOL_SIZE) });
  const bare = Fastify();
  bare.post('/complaints', async (req, reply) => {
    const b = { ...(req.body as Record<string, unknown>), receivedBy: ctx.actor.id };
    const { rows } = await barePool.query<{ id: string; tracking_no: string }>(
      BARE_SQL,
      BARE_COLUMNS.map(([, value]) => value(b) ?? null),
    );
    reply.code(201);
    return { id: rows[0].id, trackingNo: rows[0].tracking_no };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/complaints`;

  const result: IntakeResult = { api: [], bare: [] };
  const line = (name: string, r: Run) =>
    console.log(
      `  ${name}: ${fmt(r.rps)} req/s, p50 ${r.p50} / p99 ${r.p99} ms (${fmt(r.total)} requests, ${r.errors} errors, ` +
        `${r.non2xx} non-2xx); CPU per request: server ${fmt((r.cpu.server * 1000) / r.total)} µs, PostgreSQL ` +
        `${fmt((r.cpu.postgres * 1000) / r.total)} µs, autocannon ${fmt((r.cpu.loader * 1000) / r.total)} µs; ` +
        `${(r.commits / r.total).toFixed(2)} commits, ${fmt(r.walBytes / r.total)} WAL bytes per request`,
    );
  // Warm-up (JIT, pools), not measured: production processes run warm.
  for (const [url, list, headers] of [
    [bareUrl, bareBodies, {}],
    [`${ctx.base}/complaints`, apiBodies, ctx.auth],
  ] as const) {
    await postLoad(ctx, url, list, headers, WARMUP_SECONDS);
  }
  for (let round = 1; round <= ROUNDS; round++) {
    const b = await postLoad(ctx, bareUrl, bareBodies, {});
    line(`round ${round}, bare Fastify + pg INSERT`, b);
    result.bare.push(b);
    const a = await postLoad(ctx, `${ctx.base}/complaints`, apiBodies, ctx.auth);
    line(`round ${round}, POST /api/v1/complaints`, a);
    if (a.non2xx || a.errors) console.log(`  status codes: ${JSON.stringify(a.codes)}`);
    result.api.push(a);
  }
  await bare.close();
  await barePool.end();
  return result;
}

// ——————————————————————————————————————— main ———————————————————————————————————————

async function main(): Promise<void> {
  console.log(`# Intake benchmark — ${new Date().toISOString()}\n${machine()}; ${loadAvg()}\n`);
  const part = process.env.BENCH_PART;
  const report = recorder('intake', {
    complaints: COMPLAINTS,
    seed: SEED,
    requests: REQUESTS,
    warmup: WARMUP,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    connections: CONNECTIONS,
    rounds: ROUNDS,
    poolSize: POOL_SIZE,
    part: part ?? 'all',
  });
  const t0 = Date.now();
  const { marker, generated } = await ensureComplaintDataset(DB_URL, {
    complaints: COMPLAINTS,
    seed: SEED,
    fresh: true,
    regenerate: process.env.BENCH_REGENERATE === '1',
    log: (s) => console.log(`  ${s}`),
  });
  console.log(
    generated
      ? `data set: generated ${fmt(marker.complaints)} complaints in ${marker.seconds.toFixed(0)} s ` +
          `(${((Date.now() - t0) / 1000).toFixed(0)} s with migrations, seed and VACUUM)`
      : `data set: reusing ${fmt(marker.complaints)} complaints (generator v${marker.generator_version}, seed ` +
          `${marker.seed}, data up to ${marker.today}, generated in ${marker.seconds.toFixed(0)} s)`,
  );
  if (process.env.BENCH_DATA_ONLY === '1') return;

  // The name threshold the API's connections use (data-source-options), so the bare finder's figures compare.
  const similarity = loadConfig().DUPLICATE_NAME_SIMILARITY;
  const pool = new Pool({
    connectionString: DB_URL,
    max: 4,
    options: `-c jit=off -c pg_trgm.similarity_threshold=${similarity}`,
  });
  // Leftovers of an interrupted run: only the generated complaints count.
  await pool.query(`DELETE FROM complaints WHERE seq > $1`, [marker.last_seq]);
  const outboxBefore = (await pool.query<{ n: string }>(`SELECT coalesce(max(id), 0)::text AS n FROM outbox`))
    .rows[0].n;
  const counts = (
    await pool.query<{ total: number; window: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE received_at >= now() - interval '90 days')::int AS window
         FROM complaints`,
    )
  ).rows[0];
  const { rows: actors } = await pool.query<Actor & { office_name: string }>(
    `SELECT u.id, u.username, u.display_name AS "displayName", u.roles, u.office_id AS "officeId",
            o.region_code AS "regionCode", o.name AS office_name
       FROM users u JOIN offices o ON o.id = u.office_id WHERE u.username = $1`,
    [OPERATOR],
  );
  const actor = actors[0];
  console.log(
    `data: ${fmt(counts.total)} complaints, ${fmt(counts.window)} in the 90-day window; as ${OPERATOR} ` +
      `(${actor.office_name}, scope ${actor.regionCode}); API pool ${POOL_SIZE}\n`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'ipe-bench-intake-'));
  const api = await startCompiledApi({
    DATABASE_URL: DB_URL,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0001',
    LOGIN_RATE_PER_MINUTE: '100000',
    STORAGE_ROOT: dir,
    WEB_DIST: '/nonexistent',
    DATABASE_POOL_SIZE: POOL_SIZE,
  });
  const base = api.base;
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: OPERATOR, password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${OPERATOR}: ${login.status} ${await login.text()}`);
  const token = ((await login.json()) as { accessToken: string }).accessToken;
  const ctx: Ctx = {
    pool,
    actor,
    base,
    auth: { authorization: `Bearer ${token}` },
    dir,
    apiPid: api.child.pid,
  };

  const dup = part === 'intake' ? null : await duplicateCheck(ctx);
  if (dup) console.log();
  const intake = part === 'duplicates' ? null : await intakeThroughput(ctx);

  await api.close();
  // Put the data set back as generated: the complaints and outbox rows added here go (audit events are append-only).
  const removed = await pool.query(`DELETE FROM complaints WHERE seq > $1`, [marker.last_seq]);
  await pool.query(`DELETE FROM outbox WHERE id > $1`, [outboxBefore]);
  await pool.query(`VACUUM (ANALYZE) complaints`);
  await pool.end();
  rmSync(dir, { recursive: true, force: true });

  // —— report ——
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
  console.log(
    `\n${fmt(counts.total)} complaints (${fmt(counts.window)} in 90 days); ${cpus().length} cores; ` +
      (dup ? `duplicate check: ${REQUESTS} sequential requests per kind after ${WARMUP} warm-up; ` : '') +
      (intake
        ? `intake: ${ROUNDS} × (baseline, API) × ${SECONDS} s at ${CONNECTIONS} connections, ${fmt(BODIES)} ` +
          `distinct bodies, ${fmt(removed.rowCount ?? 0)} added complaints removed afterwards; `
        : '') +
      `${loadAvg()}\n`,
  );
  report.note(
    `${fmt(counts.total)} complaints (${fmt(counts.window)} in the 90-day window); as ${OPERATOR} ` +
      `(${actor.office_name}, scope ${actor.regionCode}); API pool ${POOL_SIZE}`,
  );
  if (dup) report.note(`duplicate check: ${REQUESTS} sequential requests per kind after ${WARMUP} warm-up`);
  if (intake) {
    report.note(
      `intake: ${ROUNDS} × (baseline, API) × ${SECONDS} s at ${CONNECTIONS} connections after a ${WARMUP_SECONDS} s ` +
        `warm-up, ${fmt(BODIES)} distinct bodies; ${fmt(removed.rowCount ?? 0)} added complaints removed afterwards`,
    );
  }
  console.log('| measure | result | same-run baseline | ratio | target | met |');
  console.log('|---|---|---|---|---|---|');
  if (intake) {
    const mean = (runs: Run[], f: (r: Run) => number) => runs.reduce((s, r) => s + f(r), 0) / runs.length;
    const rate = mean(intake.api, (r) => r.rps);
    const baseRate = mean(intake.bare, (r) => r.rps);
    const p99 = Math.max(...intake.api.map((r) => r.p99));
    const failures = intake.api.reduce((s, r) => s + r.errors + r.non2xx, 0);
    const baseFailures = intake.bare.reduce((s, r) => s + r.errors + r.non2xx, 0);
    const ratio = rate / baseRate;
    const p99Target = P99_TARGET_MS * Math.max(1, P99_REFERENCE_BASE_RATE / baseRate);
    const rounds = intake.api.map((a, i) => (a.rps / intake.bare[i].rps).toFixed(2)).join(', ');
    console.log(
      `| POST /api/v1/complaints, ${CONNECTIONS} connections (mean of ${ROUNDS}) | ${fmt(rate)} req/s, p50 ` +
        `${mean(intake.api, (r) => r.p50).toFixed(0)} / p99 ${p99} ms (worst round), ${failures} errors | bare ` +
        `Fastify + pg, one INSERT: ${fmt(baseRate)} req/s, p50 ${mean(intake.bare, (r) => r.p50).toFixed(0)} / p99 ` +
        `${Math.max(...intake.bare.map((r) => r.p99))} ms, ${baseFailures} errors | ${ratio.toFixed(2)} (rounds: ` +
        `${rounds}) | ≥ ${RATIO_TARGET.toFixed(2)}, p99 < ${P99_TARGET_MS} ms at a ${fmt(P99_REFERENCE_BASE_RATE)} req/s ` +
        `base, here < ${p99Target.toFixed(0)} ms | ` +
        `${yes(ratio >= RATIO_TARGET && p99 < p99Target && !failures && !baseFailures)} |`,
    );
    report.add({
      figure: `POST /api/v1/complaints, ${CONNECTIONS} connections (mean of ${ROUNDS} rounds)`,
      value: rate,
      unit: 'req/s',
      detail: `p50 ${mean(intake.api, (r) => r.p50).toFixed(0)} / p99 ${p99} ms (worst round), ${failures} errors`,
      baseline: baseRate,
      baselineDetail:
        `p50 ${mean(intake.bare, (r) => r.p50).toFixed(0)} / p99 ${Math.max(...intake.bare.map((r) => r.p99))} ms, ` +
        `${baseFailures} errors`,
      baselineLabel: 'bare Fastify route + pg Pool, one INSERT of the same row into the same table',
      ratio,
      ratioLabel: `throughput, API ÷ bare (rounds: ${rounds})`,
      target:
        `≥ ${RATIO_TARGET.toFixed(2)}; p99 < ${P99_TARGET_MS} ms at a ${fmt(P99_REFERENCE_BASE_RATE)} req/s base, ` +
        `here < ${p99Target.toFixed(0)} ms; no errors`,
      met: ratio >= RATIO_TARGET && p99 < p99Target && !failures && !baseFailures,
    });
    const per = (runs: Run[], f: (r: Run) => number) =>
      fmt((runs.reduce((s, r) => s + f(r), 0) * 1000) / runs.reduce((s, r) => s + r.total, 0));
    console.log(
      `| … CPU per request, server / PostgreSQL / autocannon | ` +
        `${per(intake.api, (r) => r.cpu.server)} / ${per(intake.api, (r) => r.cpu.postgres)} / ` +
        `${per(intake.api, (r) => r.cpu.loader)} µs | ` +
        `bare INSERT: ${per(intake.bare, (r) => r.cpu.server)} / ${per(intake.bare, (r) => r.cpu.postgres)} / ` +
        `${per(intake.bare, (r) => r.cpu.loader)} µs | — | — | — |`,
    );
    const perNum = (runs: Run[], f: (r: Run) => number) =>
      (runs.reduce((s, r) => s + f(r), 0) * 1000) / runs.reduce((s, r) => s + r.total, 0);
    const apiCpu = perNum(intake.api, (r) => r.cpu.server);
    const bareCpu = perNum(intake.bare, (r) => r.cpu.server);
    report.add({
      figure: '… CPU per request of the server process',
      value: apiCpu,
      unit: 'µs',
      detail: `PostgreSQL ${per(intake.api, (r) => r.cpu.postgres)} µs, autocannon ${per(intake.api, (r) => r.cpu.loader)} µs`,
      baseline: bareCpu,
      baselineDetail: `PostgreSQL ${per(intake.bare, (r) => r.cpu.postgres)} µs, autocannon ${per(intake.bare, (r) => r.cpu.loader)} µs`,
      baselineLabel: 'the bare INSERT route',
      ratio: apiCpu / bareCpu,
      ratioLabel: 'server CPU, API ÷ bare',
    });
  }
  if (dup) {
    for (const r of dup.kinds) {
      console.log(
        `| duplicates: ${r.name} (${r.hits.toFixed(1)} hits) | p50 ${ms(r.api.p50)} / p95 ${ms(r.api.p95)} ms | ` +
          `finder on bare pg: p50 ${ms(r.bare.p50)} / p95 ${ms(r.bare.p95)} ms | ` +
          `${(r.api.p95 / r.bare.p95).toFixed(2)} (p95) | — | — |`,
      );
      report.add({
        figure: `duplicates: ${r.name} (${r.hits.toFixed(1)} hits)`,
        value: r.api.p95,
        unit: 'ms p95',
        detail: `p50 ${ms(r.api.p50)} ms`,
        baseline: r.bare.p95,
        baselineDetail: `p50 ${ms(r.bare.p50)} ms`,
        baselineLabel: 'the finder (ComplaintDuplicateFinder) on a bare pg connection',
        ratio: r.api.p95 / r.bare.p95,
        ratioLabel: 'p95, API ÷ finder',
      });
    }
    report.add({
      figure: 'duplicates: mix of the four kinds',
      value: dup.mixApi.p95,
      unit: 'ms p95',
      detail: `p50 ${ms(dup.mixApi.p50)} ms`,
      baseline: dup.mixBare.p95,
      baselineDetail: `p50 ${ms(dup.mixBare.p50)} ms; GET /complaints/:id p50 ${ms(dup.byId.p50)} / p95 ${ms(dup.byId.p95)} ms`,
      baselineLabel:
        'the finder on bare pg; also GET /complaints/:id (one primary-key read through the same HTTP stack)',
      ratio: dup.mixApi.p95 / dup.mixBare.p95,
      ratioLabel: `p95, API ÷ finder (÷ GET by id: ${(dup.mixApi.p95 / dup.byId.p95).toFixed(2)})`,
      target: `p95 < ${DUPLICATE_P95_MS} ms`,
      met: dup.mixApi.p95 < DUPLICATE_P95_MS,
    });
    report.note(`slowest name query ${dup.slowest}`);
    console.log(
      `| duplicates: mix of the four kinds | p50 ${ms(dup.mixApi.p50)} / p95 ${ms(dup.mixApi.p95)} ms | finder on ` +
        `bare pg: p50 ${ms(dup.mixBare.p50)} / p95 ${ms(dup.mixBare.p95)} ms; GET /complaints/:id: p50 ` +
        `${ms(dup.byId.p50)} / p95 ${ms(dup.byId.p95)} ms | ${(dup.mixApi.p95 / dup.mixBare.p95).toFixed(2)} / ` +
        `${(dup.mixApi.p95 / dup.byId.p95).toFixed(2)} (p95) | p95 < ${DUPLICATE_P95_MS} ms | ` +
        `${yes(dup.mixApi.p95 < DUPLICATE_P95_MS)} |`,
    );
    console.log(`\nslowest name query ${dup.slowest}`);
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
