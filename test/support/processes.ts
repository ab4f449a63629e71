import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { createTestDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from '@app/testing';

/** Lines of a process's output kept for the failure report. */
const TAIL_LINES = 40;

/** One API or worker process started by {@link startProcesses}. */
export interface ManagedProcess {
  /** `api1`, `api2`, `worker1` … */
  name: string;
  proc: ChildProcess;
  /** The last lines it wrote (stdout and stderr), for diagnostics. */
  tail(): string;
}

export interface ApiProcess extends ManagedProcess {
  port: number;
  baseUrl: string;
}

export interface Processes {
  db: TestDatabase;
  queuePrefix: string;
  redisUrl: string;
  apis: ApiProcess[];
  workers: ManagedProcess[];
  /** Every process's name, exit state and last output lines. */
  diagnostics(): string;
  /** Throws (with the diagnostics) if a process has exited. */
  assertRunning(): void;
  /** Stops every process (SIGTERM, then SIGKILL after a grace period) and drops the database. */
  stop(): Promise<void>;
}

type Env = Partial<Record<keyof AppConfig, string>>;

export interface ProcessOptions {
  apis: number;
  workers: number;
  /** Variables for every process. */
  env?: Env;
  /** Variables for the API processes only. */
  apiEnv?: Env;
  /** Variables for the worker processes only. */
  workerEnv?: Env;
  /** How long a process may take to come up (ts-node compiles the whole app on start). */
  startTimeoutMs?: number;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Real API and worker processes (`node -r ts-node/register/transpile-only apps/…/main.ts`, as in production but
 * uncompiled) on a fresh copy of the test template database, sharing one Redis and one queue prefix; each API on
 * a free port of its own. All are started at once; resolves when every API answers /health and every worker has
 * logged "worker started". If any fails to come up, all are stopped and the error carries their output.
 */
export async function startProcesses(opts: ProcessOptions): Promise<Processes> {
  installExitHook();
  const db = await createTestDatabase();
  const queuePrefix = uniqueName('ipe_mp');
  const redisUrl = opts.env?.REDIS_URL ?? TEST_REDIS_URL;
  const storage = await mkdtemp(join(tmpdir(), 'ipe-mp-storage-'));
  const common: Env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATABASE_URL: db.url,
    // Four processes against a server other test runs share (max_connections 100).
    DATABASE_POOL_SIZE: '8',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    LOGIN_RATE_PER_MINUTE: '10000',
    WEB_DIST: '',
    STORAGE_ROOT: storage,
    ...opts.env,
  };
  const apis: ApiProcess[] = [];
  const workers: ManagedProcess[] = [];
  const all = (): ManagedProcess[] => [...apis, ...workers];
  const diagnostics = () =>
    all()
      .map((p) => `--- ${p.name} (pid ${p.proc.pid}, ${exitState(p.proc)}) ---\n${p.tail() || '(no output)'}`)
      .join('\n');
  const stop = async () => {
    await Promise.all(all().map((p) => stopProcess(p.proc)));
    await db.drop();
    await rm(storage, { recursive: true, force: true });
  };
  try {
    for (let i = 1; i <= opts.apis; i++) {
      const port = await freePort();
      const p = launch(`api${i}`, 'apps/api/src/main.ts', {
        ...common,
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      apis.push({ ...p, port, baseUrl: `http://127.0.0.1:${port}` });
    }
    for (let i = 1; i <= opts.workers; i++) {
      workers.push(launch(`worker${i}`, 'apps/worker/src/main.ts', { ...common, ...opts.workerEnv }));
    }
    const timeout = opts.startTimeoutMs ?? 240_000;
    await Promise.all([
      ...apis.map((a) => waitUntil(a, () => healthy(a.baseUrl), timeout)),
      ...workers.map((w) => waitUntil(w, async () => /"worker started"/.test(w.tail()), timeout)),
    ]);
  } catch (e) {
    const report = diagnostics();
    await stop();
    throw new Error(`${(e as Error).message}\n${report}`, { cause: e });
  }
  return {
    db,
    queuePrefix,
    redisUrl,
    apis,
    workers,
    diagnostics,
    assertRunning() {
      if (all().some((p) => p.proc.exitCode !== null || p.proc.signalCode !== null)) {
        throw new Error(`a process has exited\n${diagnostics()}`);
      }
    },
    stop,
  };
}

function launch(name: string, main: string, env: Env): ManagedProcess {
  const proc = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', main],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  const lines: string[] = [];
  let startedSeen = false;
  for (const stream of [proc.stdout!, proc.stderr!]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        // Kept even once it scrolled out of the tail: startProcesses waits for it.
        if (line.includes('"worker started"')) startedSeen = true;
        lines.push(line.length > 600 ? `${line.slice(0, 600)}…` : line);
        if (lines.length > TAIL_LINES) lines.shift();
      }
    });
  }
  return {
    name,
    proc,
    tail: () => (startedSeen ? '"worker started"\n' : '') + lines.join('\n'),
  };
}

async function waitUntil(p: ManagedProcess, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (p.proc.exitCode !== null || p.proc.signalCode !== null) {
      throw new Error(`${p.name} exited while starting (${exitState(p.proc)})`);
    }
    if (await ready()) return;
    if (Date.now() > end) throw new Error(`${p.name} did not come up within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

async function stopProcess(p: ChildProcess, graceMs = 10_000): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((r) => p.once('exit', () => r()));
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function exitState(p: ChildProcess): string {
  if (p.exitCode !== null) return `exited with code ${p.exitCode}`;
  if (p.signalCode !== null) return `killed by ${p.signalCode}`;
  return 'running';
}

/** Children are killed with the test process even when it ends without running afterAll. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const p of live) p.kill('SIGKILL');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
