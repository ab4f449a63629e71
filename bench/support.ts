import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os, { loadavg } from 'node:os';
import { promisify } from 'node:util';

export interface HttpResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * Runs autocannon against one URL for `seconds` in a separate process (in-process it would steal the server's
 * event loop) and returns the average request rate and latencies.
 */
export async function load(
  url: string,
  opts: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<HttpResult> {
  const args = ['-j', '-d', String(opts.seconds), '-c', String(opts.connections)];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}=${v}`);
  const { stdout } = await promisify(execFile)('node_modules/.bin/autocannon', [...args, url], {
    maxBuffer: 1 << 24,
  });
  const r = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs `fn` with `concurrency` parallel loops for `ms` milliseconds; returns operations per second. */
export async function rate(
  ms: number,
  concurrency: number,
  fn: (i: number) => Promise<unknown>,
): Promise<number> {
  let done = 0;
  const end = Date.now() + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (Date.now() < end) {
        await fn(worker * 1e9 + done);
        done++;
      }
    }),
  );
  return done / (ms / 1000);
}

/** The p-th percentile of sorted values. */
export const pct = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
export const ms = (n: number) => n.toFixed(1);
/** Other work on the machine skews every figure: print the load average with the results. */
export const loadAvg = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')}`;

export interface Latency {
  p50: number;
  p95: number;
}
export const summary = (times: readonly number[]): Latency => {
  const s = [...times].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95) };
};

export interface CompiledApi {
  /** http://127.0.0.1:port/api/v1 */
  base: string;
  port: number;
  child: ChildProcess;
  close(): Promise<void>;
}

/** CPU ms used so far by one process (utime + stime from /proc). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

/**
 * The API as production runs it (`npm start`): the compiled build in its own process, so its CPU is its own (read
 * from /proc) and not shared with the benchmark's baseline servers. (Measured against the in-process ts-node run on
 * 2026-12-01: 713 vs 747 req/s for POST /complaints — within noise, so earlier in-process figures stand.)
 */
export async function startCompiledApi(env: Record<string, string>): Promise<CompiledApi> {
  if (process.env.BENCH_NO_BUILD !== '1') {
    await promisify(execFile)('node_modules/.bin/nest', ['build', 'api'], { maxBuffer: 1 << 24 });
  }
  const port = String(20000 + Math.floor(Math.random() * 20000));
  // The API as `npm start` runs it (its node options included), plus BENCH_NODE_ARGS: extra node options, e.g.
  // "-r ./bench/cpu-profile.cjs" to profile it.
  const start = (
    JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }
  ).scripts.start
    .split(' ')
    .filter(Boolean);
  if (start[0] !== 'node') throw new Error(`npm start is not "node …": ${start.join(' ')}`);
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, ...start.slice(1)], {
    env: { ...process.env, ...env, PORT: port, HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Never outlive the benchmark, also when it fails: unref'd, and killed when this process exits.
  child.unref();
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  const base = `http://127.0.0.1:${port}/api/v1`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      await fetch(`${base}/health`);
      break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error('the API did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    port: Number(port),
    child,
    close: async () => {
      if (child.exitCode !== null) return;
      // Referenced again while it stops: an unref'd child alone would let this process end before 'exit' came.
      child.ref();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

// ————————————————————————————————————— structured results (npm run bench) —————————————————————————————————————

/** One figure of a benchmark with its same-run baseline, as bench/run-all.ts puts it into bench/REPORT.md. */
export interface BenchFigure {
  /** What was measured: 'GET /api/v1/auth/me', 'officer: page 1 (total 29,108)'. */
  figure: string;
  /** The headline number, in `unit`. */
  value: number;
  /** 'req/s', 'ms p95', 'rows/s' … (the baseline's headline is in the same unit). */
  unit: string;
  /** More of the same measurement, shown after the value: 'p50 12.1 / p99 40 ms'. */
  detail?: string;
  /** The same-run baseline's headline in `unit`; null where there is none (a target instead). */
  baseline: number | null;
  /** More of the baseline's measurement: 'p50 5.4 / p95 7.5 ms'. */
  baselineDetail?: string;
  /** What the baseline is: 'bare Fastify + pg running the same SQL'. */
  baselineLabel: string;
  /** The ratio as the benchmark defines it (see ratioLabel), null where there is none. */
  ratio: number | null;
  /** Which ratio: 'value ÷ baseline', 'p95, API ÷ SQL', 'source ÷ summaries, p50'. */
  ratioLabel?: string;
  /** The target, as text: 'p95 < 50 ms'. */
  target?: string;
  met?: boolean;
  note?: string;
}

export interface BenchResult {
  bench: string;
  startedAt: string;
  finishedAt: string;
  /** Load average (1 / 5 / 15 min) when the benchmark started and ended. */
  loadAvgStart: number[];
  loadAvgEnd: number[];
  /** The sizes and durations it ran with (BENCH_* variables or their defaults). */
  params: Record<string, string | number>;
  /** Context lines: the data set, the accounts, where the time went. */
  notes: string[];
  figures: BenchFigure[];
}

/** Where the JSON results go: bench/results (gitignored), or BENCH_RESULTS_DIR. */
export const resultsDir = () => process.env.BENCH_RESULTS_DIR ?? join(__dirname, 'results');

/**
 * The recorder each benchmark fills next to its console table: `const report = recorder('cases', { … })`,
 * `report.add({ … })`, `report.note('…')`, and `report.write()` at the end → bench/results/<bench>.json.
 */
export function recorder(bench: string, params: Record<string, string | number> = {}) {
  const result: BenchResult = {
    bench,
    startedAt: new Date().toISOString(),
    finishedAt: '',
    loadAvgStart: loadavg(),
    loadAvgEnd: [],
    params,
    notes: [],
    figures: [],
  };
  return {
    result,
    add(figure: BenchFigure): void {
      result.figures.push(figure);
    },
    note(line: string): void {
      result.notes.push(line);
    },
    /** Writes bench/results/<bench>.json; returns its path. */
    write(): string {
      result.finishedAt = new Date().toISOString();
      result.loadAvgEnd = loadavg();
      const dir = resultsDir();
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${bench}.json`);
      writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
      console.log(`\nresults: ${file}`);
      return file;
    },
  };
}
export type Recorder = ReturnType<typeof recorder>;
