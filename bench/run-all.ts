/**
 * Every benchmark, one after the other, and bench/REPORT.md (npm run bench; issue 9).
 *
 *   npm run bench                         all six, full size (see SUITE for what each needs and how long it takes)
 *   npm run bench -- --only intake,cases  those only
 *   npm run bench -- --quick              small sizes and short runs in databases of their own (ipe_bench_quick_*):
 *                                         checks the runner and the benchmarks, not the system; the report says QUICK
 *   npm run bench -- --timeout 90         minutes a benchmark may take before it is stopped (default 120, quick 15)
 *
 * The API is built once (`nest build api`; BENCH_NO_BUILD=1 skips it) and each benchmark runs as a child process
 * (`ts-node bench/<name>.bench.ts`) with BENCH_NO_BUILD=1, so one that crashes or hangs is reported as failed and the
 * rest still run. Each writes bench/results/<name>.json (support.ts `recorder`) and its output goes to
 * bench/results/<name>.log; the report takes the figures from the JSON, the machine's facts from here (CPU, memory,
 * Node, PostgreSQL and Redis versions, load average at start and end, git commit), and for a failed benchmark the
 * end of its log. Each benchmark keeps its own data set (database) and generates it when it is missing or stale;
 * the one exception is made here: a missing ipe_bench_stats is copied from ipe_bench_cases when that holds the same
 * generated cases (cloneCasesForStats).
 */
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { Client } from 'pg';
import { format, resolveConfig } from 'prettier';
import { CASE_GENERATOR_VERSION } from './data/case-generator';
import { fmt, resultsDir, type BenchFigure, type BenchResult } from './support';

const exec = promisify(execFile);
const ROOT = join(__dirname, '..');
const REPORT = join(__dirname, 'REPORT.md');
const PG_BASE = 'postgres://postgres@127.0.0.1:5432';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Bench {
  name: string;
  /** Its own database (the benchmark's default), or null. */
  database: string | null;
  /** What it needs and how long a full run takes (printed in the report's "how to run" section). */
  needs: string;
  /** The environment of a quick run: smaller data and shorter runs. */
  quick: Record<string, string>;
}

/** In the order they run. The durations are those of a full run on the 2-core reference machine. */
const SUITE: Bench[] = [
  {
    name: 'foundation',
    database: 'ipe_bench',
    needs: 'recreates ipe_bench (migrations + demo seed) every run; about 1 min',
    quick: { BENCH_SECONDS: '2' },
  },
  {
    name: 'intake',
    database: 'ipe_bench_intake',
    needs:
      '1,000,000 complaints in ipe_bench_intake, generated when missing or stale (about 80 s, more on a busy ' +
      'machine); then about 2 min (duplicate check 2 × 1,000 sequential requests, 2 rounds × 2 × 12 s of load)',
    quick: {
      BENCH_COMPLAINTS: '20000',
      BENCH_REQUESTS: '20',
      BENCH_SECONDS: '2',
      BENCH_WARMUP_SECONDS: '1',
      BENCH_ROUNDS: '1',
    },
  },
  {
    name: 'cases',
    database: 'ipe_bench_cases',
    needs:
      '1,000,000 cases in ipe_bench_cases, generated when missing or stale (about 6 min); then about 2–3 min ' +
      '(12 variants × 2 × 220 sequential requests, 2 × 10 s of transitions)',
    quick: { BENCH_CASES: '20000', BENCH_REQUESTS: '20', BENCH_SECONDS: '2' },
  },
  {
    name: 'notifications',
    database: 'ipe_bench_notify',
    needs: 'recreates ipe_bench_notify every run and uses Redis (own queue prefix); about 1 min',
    quick: { BENCH_ROWS: '2000', BENCH_RATE: '200', BENCH_LATENCY_SECONDS: '2' },
  },
  {
    name: 'registry',
    database: 'ipe_bench_registry',
    needs:
      'recreates ipe_bench_registry with 110,000 listings every run (about 10 s); then about 1.5 min (9 × 10 s)',
    quick: { BENCH_LISTINGS: '5000', BENCH_SECONDS: '2', BENCH_CONNECTIONS: '20' },
  },
  {
    name: 'stats',
    database: 'ipe_bench_stats',
    needs:
      '1,000,000 cases and 300,000 complaints in ipe_bench_stats, generated when missing or stale (about 6 min + ' +
      '30 s; when it is missing and ipe_bench_cases holds the same cases, run-all copies that database instead), ' +
      'statistics rebuilt when stale (about 2 min); then about 12–15 min (the from-source baseline: per scope 26 ' +
      'queries of the source tables, 15–25 s each for the country), the projector (about 1 min) and a schema ' +
      'check against a freshly migrated scratch database',
    quick: {
      BENCH_CASES: '20000',
      BENCH_COMPLAINTS: '6000',
      BENCH_REQUESTS: '10',
      BENCH_WARMUP: '2',
      BENCH_SOURCE_RUNS: '2',
      BENCH_PROJECT_CASES: '1000',
    },
  },
];

// ————————————————————————————————————————— arguments —————————————————————————————————————————

function options() {
  const argv = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  };
  const known = new Set(SUITE.map((b) => b.name));
  const only = value('only')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((n) => !known.has(n)) ?? [];
  if (unknown.length) {
    throw new Error(`--only: unknown benchmark ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  }
  const quick = argv.includes('--quick');
  const timeout = Number(value('timeout') ?? (quick ? 15 : 120));
  if (!(timeout > 0)) throw new Error('--timeout must be a number of minutes');
  return {
    quick,
    only: only ?? null,
    timeoutMs: timeout * 60_000,
    benches: SUITE.filter((b) => !only || only.includes(b.name)),
  };
}

// ————————————————————————————————————————— the machine —————————————————————————————————————————

interface Machine {
  cpu: string;
  memory: string;
  os: string;
  node: string;
  postgres: string;
  redis: string;
  git: string;
}

async function describeMachine(): Promise<Machine> {
  const cpus = os.cpus();
  const postgres = await (async () => {
    const c = new Client({ connectionString: `${PG_BASE}/postgres` });
    try {
      await c.connect();
      const { rows } = await c.query<{ v: string; sb: string; mc: string }>(
        `SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb,
                current_setting('max_connections') AS mc`,
      );
      return `${rows[0].v} (shared_buffers ${rows[0].sb}, max_connections ${rows[0].mc})`;
    } catch (e) {
      return `unavailable (${(e as Error).message})`;
    } finally {
      await c.end().catch(() => undefined);
    }
  })();
  const redis = await (async () => {
    const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    try {
      await r.connect();
      const info = await r.info('server');
      return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    } catch (e) {
      return `unavailable (${(e as Error).message})`;
    } finally {
      r.disconnect();
    }
  })();
  const git = await (async () => {
    try {
      const head = (await exec('git', ['log', '-1', '--format=%h %s'], { cwd: ROOT })).stdout.trim();
      const dirty = (await exec('git', ['status', '--porcelain'], { cwd: ROOT })).stdout
        .split('\n')
        .filter(Boolean).length;
      return `${head}${dirty ? ` (+ ${dirty} uncommitted changes)` : ''}`;
    } catch {
      return 'unknown';
    }
  })();
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB (${(os.freemem() / 2 ** 30).toFixed(1)} GiB free at start)`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres,
    redis,
    git,
  };
}

async function databaseExists(name: string): Promise<boolean | null> {
  const c = new Client({ connectionString: `${PG_BASE}/postgres` });
  try {
    await c.connect();
    return (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * bench:stats and bench:cases use the same 1,000,000 generated cases (same generator, seed and count), each in its
 * own database. When the statistics database is missing and the cases one holds a matching data set, the cases
 * database is copied (CREATE DATABASE … TEMPLATE, a file copy: about a minute instead of six to generate); bench:stats
 * then adopts the copy (a database with exactly BENCH_CASES cases and referrals), adds its complaints and rebuilds
 * the statistics. Returns what it did, or null.
 */
async function cloneCasesForStats(
  statsDb: string,
  casesDb: string,
  env: NodeJS.ProcessEnv,
): Promise<string | null> {
  const cases = Number(env.BENCH_CASES ?? 1_000_000);
  const seed = Number(env.BENCH_SEED ?? 1);
  if ((await databaseExists(statsDb)) !== false || !(await databaseExists(casesDb))) return null;
  const source = new Client({ connectionString: `${PG_BASE}/${casesDb}` });
  try {
    await source.connect();
    const { rows } = await source.query<{ generator_version: number; cases: number; seed: number }>(
      `SELECT generator_version, cases, seed FROM bench_dataset`,
    );
    const m = rows[0];
    if (m?.generator_version !== CASE_GENERATOR_VERSION || m.cases !== cases || m.seed !== seed) return null;
  } catch {
    return null; // no marker: not a finished data set
  } finally {
    await source.end().catch(() => undefined);
  }
  const admin = new Client({ connectionString: `${PG_BASE}/postgres` });
  const t0 = Date.now();
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${statsDb} TEMPLATE ${casesDb}`);
  } catch (e) {
    console.log(
      `could not copy ${casesDb} to ${statsDb} (${(e as Error).message}); bench:stats generates its own`,
    );
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const done = `${statsDb} copied from ${casesDb} (${fmt(cases)} cases) in ${duration((Date.now() - t0) / 1000)}`;
  console.log(done);
  return done;
}

// ————————————————————————————————————————— running —————————————————————————————————————————

interface Outcome {
  bench: Bench;
  /** The quick run's sizes (empty for a full run). */
  quickEnv: Record<string, string>;
  /** What run-all did to its data before it ran (see cloneCasesForStats). */
  prepared: string | null;
  database: string | null;
  /** Whether its database existed before it ran (null: unknown or none). */
  databaseExisted: boolean | null;
  startedAt: Date;
  seconds: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  result: BenchResult | null;
  /** The end of its output, for a failed run. */
  tail: string[];
}

let running: number | null = null;

/** Kills a child's whole process group (it started the API and autocannon processes of its own). */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // gone already
  }
}

async function runBench(bench: Bench, quick: boolean, timeoutMs: number): Promise<Outcome> {
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const jsonFile = join(dir, `${bench.name}.json`);
  const logFile = join(dir, `${bench.name}.log`);
  rmSync(jsonFile, { force: true }); // a stale result must not stand in for a failed run
  const database = quick ? `ipe_bench_quick_${bench.name}` : bench.database;
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_NO_BUILD: '1', BENCH_RESULTS_DIR: dir };
  // Each benchmark has its own database and drops or regenerates it: never one URL for all of them.
  delete env.BENCH_DATABASE_URL;
  // The quick sizes fill in what the environment does not set (BENCH_SECONDS=5 npm run bench -- --quick wins).
  const quickEnv: Record<string, string> = quick
    ? Object.fromEntries(Object.keys(bench.quick).map((k) => [k, process.env[k] ?? bench.quick[k]]))
    : {};
  if (quick) Object.assign(env, quickEnv, { BENCH_DATABASE_URL: `${PG_BASE}/${database}` });
  const prepared =
    bench.name === 'stats' && database
      ? await cloneCasesForStats(database, quick ? 'ipe_bench_quick_cases' : 'ipe_bench_cases', env)
      : null;
  const databaseExisted = prepared ? false : database ? await databaseExists(database) : null;
  const startedAt = new Date();
  console.log(
    `\n━━━━ ${bench.name} ━━━━ ${startedAt.toISOString()}` +
      (database
        ? ` (database ${database}${prepared ? ': copied' : databaseExisted ? '' : ': to be created'})`
        : '') +
      (quick
        ? ` — quick: ${Object.entries(quickEnv)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`
        : ''),
  );
  const log = createWriteStream(logFile);
  // The last lines of its output (stdout and stderr as they come), for the report of a failed run.
  const tail: string[] = [];
  let partial = '';
  const keep = (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    tail.push(...lines);
    if (tail.length > 200) tail.splice(0, tail.length - 200);
  };
  const child = spawn(
    join(ROOT, 'node_modules/.bin/ts-node'),
    ['-T', '-r', 'tsconfig-paths/register', `bench/${bench.name}.bench.ts`],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  running = child.pid ?? null;
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    stream.on('data', (chunk: Buffer) => {
      out.write(chunk);
      log.write(chunk);
      keep(chunk);
    });
  }
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    console.error(`\n${bench.name}: no result after ${timeoutMs / 60_000} min — stopping it`);
    if (child.pid) {
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => child.pid && killGroup(child.pid, 'SIGKILL'), 10_000).unref();
    }
  }, timeoutMs);
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (code, sig) => resolve([code, sig])),
  );
  clearTimeout(timer);
  running = null;
  // Whatever it started and left behind (the API, autocannon) goes with it.
  if (child.pid) killGroup(child.pid, 'SIGKILL');
  await new Promise((r) => log.end(r));
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  let result: BenchResult | null = null;
  if (existsSync(jsonFile)) {
    try {
      result = JSON.parse(readFileSync(jsonFile, 'utf8')) as BenchResult;
    } catch {
      result = null;
    }
  }
  console.log(
    `━━━━ ${bench.name}: ${exitCode === 0 && result ? 'ok' : 'FAILED'} in ${duration(seconds)}` +
      (exitCode !== 0 ? ` (exit ${exitCode ?? signal}${timedOut ? ', timed out' : ''})` : ''),
  );
  return {
    bench,
    quickEnv,
    prepared,
    database,
    databaseExisted,
    startedAt,
    seconds,
    exitCode,
    signal,
    timedOut,
    result,
    tail: [...tail, partial].filter((l) => l.trim()).slice(-30),
  };
}

// ————————————————————————————————————————— the report —————————————————————————————————————————

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(0)} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${Math.round(seconds % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

const utc = (d: Date) => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
const shanghai = (d: Date) =>
  `${d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false })} Asia/Shanghai`;
const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(' / ');
/** A table cell: no pipes or line breaks inside. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function num(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  return a >= 100 ? fmt(n) : a >= 10 ? fmt(n, 1) : fmt(n, 2);
}

function figureRow(f: BenchFigure, withTarget: boolean): string {
  const value = `${num(f.value)} ${f.unit}` + (f.detail ? ` (${f.detail})` : '');
  const baseline =
    f.baseline === null
      ? '—'
      : `${num(f.baseline)} ${f.unit}` + (f.baselineDetail ? ` (${f.baselineDetail})` : '');
  const ratio = f.ratio === null ? '—' : `${num(f.ratio)}` + (f.ratioLabel ? ` (${f.ratioLabel})` : '');
  const cells = [f.figure + (f.note ? ` — ${f.note}` : ''), value, baseline, ratio, f.baselineLabel];
  if (withTarget) {
    cells.push(f.target ? `${f.target}: ${f.met === undefined ? '—' : f.met ? 'met' : '**not met**'}` : '—');
  }
  return `| ${cells.map(cell).join(' | ')} |`;
}

function benchSection(o: Outcome, quick: boolean): string[] {
  const ok = o.exitCode === 0 && o.result !== null;
  const lines = [
    `## ${o.bench.name} — ${ok ? 'ok' : '**FAILED**'}, ${duration(o.seconds)}`,
    '',
    `\`npm run bench:${o.bench.name}\`` +
      (quick
        ? ` with ${Object.entries(o.quickEnv)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`
        : '') +
      `; started ${utc(o.startedAt)}` +
      (o.database
        ? `; database ${o.database} (${o.prepared ?? (o.databaseExisted === false ? 'created by this run' : 'existed before')})`
        : ''),
    '',
  ];
  if (!ok) {
    const why = o.timedOut
      ? `stopped after the ${duration(o.seconds)} timeout`
      : o.exitCode === 0
        ? 'exited without writing its results'
        : `exited with ${o.exitCode ?? o.signal}`;
    lines.push(`It ${why}. The end of its output (all of it in \`bench/results/${o.bench.name}.log\`):`, '');
    lines.push('```text', ...(o.tail.length ? o.tail : ['(no output)']), '```', '');
    return lines;
  }
  const r = o.result!;
  lines.push(
    `Load average ${load(r.loadAvgStart)} at its start, ${load(r.loadAvgEnd)} at its end. Parameters: ` +
      Object.entries(r.params)
        .map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`)
        .join(', ') +
      '.',
    '',
  );
  for (const n of r.notes) lines.push(`- ${n}`);
  if (r.notes.length) lines.push('');
  const withTarget = r.figures.some((f) => f.target);
  lines.push(
    `| figure | value | same-run baseline | ratio | what the baseline is |${withTarget ? ' target |' : ''}`,
    `|---|---|---|---|---|${withTarget ? '---|' : ''}`,
    ...r.figures.map((f) => figureRow(f, withTarget)),
    '',
  );
  return lines;
}

function report(opts: {
  quick: boolean;
  only: string[] | null;
  machine: Machine;
  startedAt: Date;
  finishedAt: Date;
  loadStart: number[];
  loadEnd: number[];
  buildSeconds: number | null;
  outcomes: Outcome[];
}): string {
  const { quick, machine, outcomes } = opts;
  const failed = outcomes.filter((o) => !(o.exitCode === 0 && o.result));
  const title =
    `# Benchmark report${quick ? ' — QUICK' : ''} — ${opts.startedAt.toISOString().slice(0, 10)}` +
    (opts.only ? ` (only ${opts.only.join(', ')})` : '');
  const command = `npm run bench${quick || opts.only ? ' --' : ''}${opts.only ? ` --only ${opts.only.join(',')}` : ''}${quick ? ' --quick' : ''}`;
  const lines = [title, ''];
  if (quick) {
    lines.push(
      '> **QUICK run**: reduced data sets and short runs in databases of their own (`ipe_bench_quick_*`). It checks ' +
        'that the benchmarks and this report work; its figures say nothing about the system. Run `npm run bench` ' +
        'on a quiet machine for the real ones.',
      '',
    );
  }
  lines.push(
    `Generated by \`${command}\` (bench/run-all.ts). Every figure stands next to a baseline measured in the same run ` +
      'on the same machine; the ratio is as each benchmark defines it (named in its cell). Other work on the machine ' +
      'skews every figure: compare the load averages.',
    '',
    `- Started ${utc(opts.startedAt)} (${shanghai(opts.startedAt)}), finished ${utc(opts.finishedAt)} ` +
      `(${shanghai(opts.finishedAt)}); ${duration((opts.finishedAt.getTime() - opts.startedAt.getTime()) / 1000)} in all` +
      (opts.buildSeconds !== null ? `, of which \`nest build api\` ${duration(opts.buildSeconds)}` : ''),
    `- Result: ${outcomes.length - failed.length} of ${outcomes.length} benchmarks ran` +
      (failed.length ? `; **failed: ${failed.map((o) => o.bench.name).join(', ')}**` : ''),
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${cell(machine.cpu)} |`,
    `| memory | ${cell(machine.memory)} |`,
    `| OS | ${cell(machine.os)} |`,
    `| Node | ${machine.node} |`,
    `| PostgreSQL | ${cell(machine.postgres)} |`,
    `| Redis | ${cell(machine.redis)} |`,
    `| load average (1 / 5 / 15 min) at start | ${load(opts.loadStart)} |`,
    `| load average at end | ${load(opts.loadEnd)} |`,
    `| git commit | ${cell(machine.git)} |`,
    '',
    '## Summary',
    '',
    '| benchmark | status | duration | figures | targets met | load average start → end |',
    '|---|---|---|---|---|---|',
  );
  for (const o of outcomes) {
    const r = o.result;
    const ok = o.exitCode === 0 && r;
    const targets = r?.figures.filter((f) => f.met !== undefined) ?? [];
    lines.push(
      `| ${o.bench.name} | ` +
        `${ok ? 'ok' : '**FAILED**'} | ${duration(o.seconds)} | ${r?.figures.length ?? '—'} | ` +
        `${targets.length ? `${targets.filter((f) => f.met).length} of ${targets.length}` : '—'} | ` +
        `${r ? `${load(r.loadAvgStart)} → ${load(r.loadAvgEnd)}` : '—'} |`,
    );
  }
  lines.push('');
  for (const o of outcomes) lines.push(...benchSection(o, quick));
  lines.push(
    '## Running it',
    '',
    '`npm run bench` runs them in this order, each in its own process; `-- --only intake,cases` runs some, ' +
      '`-- --quick` checks the runner. Each benchmark generates its data set when it is missing or stale and ' +
      'reuses it otherwise, so a first run on a fresh machine takes longer:',
    '',
    ...SUITE.map((b) => `- **${b.name}**: ${b.needs}.`),
    '',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const opts = options();
  const startedAt = new Date();
  const loadStart = os.loadavg();
  const machine = await describeMachine();
  console.log(
    `# npm run bench${opts.quick ? ' (QUICK)' : ''}: ${opts.benches.map((b) => b.name).join(', ')} — ` +
      `${utc(startedAt)}\n${machine.cpu}, ${machine.memory}; Node ${machine.node}; PostgreSQL ${machine.postgres}; ` +
      `Redis ${machine.redis}; ${machine.git}; load average ${load(loadStart)}`,
  );
  let buildSeconds: number | null = null;
  if (process.env.BENCH_NO_BUILD !== '1') {
    const t0 = Date.now();
    console.log('nest build api …');
    await exec(join(ROOT, 'node_modules/.bin/nest'), ['build', 'api'], { cwd: ROOT, maxBuffer: 1 << 24 });
    buildSeconds = (Date.now() - t0) / 1000;
  }
  const stop = () => {
    if (running) killGroup(running, 'SIGKILL');
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const outcomes: Outcome[] = [];
  for (const bench of opts.benches) outcomes.push(await runBench(bench, opts.quick, opts.timeoutMs));

  const text = report({
    quick: opts.quick,
    only: opts.only,
    machine,
    startedAt,
    finishedAt: new Date(),
    loadStart,
    loadEnd: os.loadavg(),
    buildSeconds,
    outcomes,
  });
  // Formatted as `npm run lint` (prettier --check) wants it.
  const formatted = await format(text, { ...(await resolveConfig(REPORT)), filepath: REPORT });
  writeFileSync(REPORT, formatted);
  const failed = outcomes.filter((o) => !(o.exitCode === 0 && o.result)).map((o) => o.bench.name);
  console.log(
    `\nbench/REPORT.md written: ${outcomes.length - failed.length} of ${outcomes.length} ran` +
      (failed.length ? `; failed: ${failed.join(', ')}` : ''),
  );
  process.exitCode = failed.length ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
