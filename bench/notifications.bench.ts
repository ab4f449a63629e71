/**
 * Notification pipeline benchmark (npm run bench:notifications).
 *   1. Throughput: 20,000 outbox rows written at once → delivered in-app messages (relay → deliveries → BullMQ →
 *      inbox processor), timed until the last message exists.
 *   2. Latency: outbox rows offered at a steady rate; end-to-end latency = inbox message created_at − outbox
 *      created_at, p50 / p99.
 *   Baseline, same run, same Redis: BullMQ's raw rate — addBulk of no-op jobs and a Worker (concurrency 50)
 *   processing them.
 */
import 'reflect-metadata';
import { loadConfigWith } from '@app/config';
import { dropDatabase, migrate } from '@app/database';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { seedReferenceAndDemoData } from '../test/support/seed';
import { fmt, machine, recorder } from './support';

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ipe_bench_notify';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function rawBullmq(prefix: string, n: number): Promise<number> {
  const connection = { url: REDIS_URL, maxRetriesPerRequest: null };
  const queue = new Queue('raw', { connection, prefix });
  let done = 0;
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const started = Date.now();
  for (let i = 0; i < n; i += 1000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({ name: 'noop', data: { i: i + k } })),
    );
  }
  const worker = new Worker(
    'raw',
    async () => {
      if (++done === n) finish();
    },
    { connection, prefix, concurrency: 50 },
  );
  await finished;
  const rate = n / ((Date.now() - started) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return rate;
}

async function main(): Promise<void> {
  const report = recorder('notifications', { rows: ROWS, rate: RATE, latencySeconds: LATENCY_SECONDS });
  const prefix = `bench${randomBytes(3).toString('hex')}`;
  const config = loadConfigWith({
    DATABASE_URL: DB_URL,
    LOG_LEVEL: 'warn',
    QUEUE_PREFIX: prefix,
    DATABASE_POOL_SIZE: '20',
  });
  console.log(
    `# Notification benchmark — ${new Date().toISOString()}\n${machine()}; ${fmt(ROWS)} rows; latency phase ${RATE} rows/s for ${LATENCY_SECONDS} s\n`,
  );
  await dropDatabase(DB_URL);
  await migrate(config);
  await seedReferenceAndDemoData(config);
  const pool = new Pool({ connectionString: DB_URL, max: 4 });
  const [{ id: userId }] = (await pool.query(`SELECT id FROM users WHERE username = 'officer.zj'`)).rows;

  const baseline = await rawBullmq(prefix, ROWS);

  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: ['warn', 'error'],
  });
  await worker.init();
  const payload = JSON.stringify({
    to: { users: [userId] },
    title: { zh: '基准', en: 'Bench' },
    body: { zh: '', en: '' },
  });
  const insert = (n: number) =>
    pool.query(
      `INSERT INTO outbox (topic, payload) SELECT 'notification.test', $1::jsonb FROM generate_series(1, $2)`,
      [payload, n],
    );
  const delivered = async () =>
    (await pool.query(`SELECT count(*)::int AS n FROM inbox_messages`)).rows[0].n as number;

  // 1. throughput
  const t0 = Date.now();
  for (let i = 0; i < ROWS; i += 5000) await insert(Math.min(5000, ROWS - i));
  while ((await delivered()) < ROWS) await sleep(100);
  const throughput = ROWS / ((Date.now() - t0) / 1000);

  // 2. latency under a steady offered load
  const before = await delivered();
  const tick = 100;
  const perTick = Math.max(1, Math.round((RATE * tick) / 1000));
  const ticks = (LATENCY_SECONDS * 1000) / tick;
  const marker = (await pool.query(`SELECT coalesce(max(id), 0) AS id FROM outbox`)).rows[0].id;
  for (let i = 0; i < ticks; i++) {
    const start = Date.now();
    await insert(perTick);
    await sleep(Math.max(0, tick - (Date.now() - start)));
  }
  const offered = perTick * ticks;
  while ((await delivered()) < before + offered) await sleep(100);
  const lat = (
    await pool.query(
      `SELECT extract(epoch FROM m.created_at - o.created_at) * 1000 AS ms
         FROM inbox_messages m JOIN notification_deliveries d ON d.id = m.delivery_id JOIN outbox o ON o.id = d.outbox_id
        WHERE o.id > $1`,
      [marker],
    )
  ).rows
    .map((r) => Number(r.ms))
    .sort((a, b) => a - b);

  await worker.close();
  await pool.end();
  console.log('| measure | result | same-run baseline | ratio |');
  console.log('|---|---|---|---|');
  console.log(
    `| outbox → in-app message, ${fmt(ROWS)} rows at once | ${fmt(throughput)} rows/s | BullMQ raw add + process (no-op, concurrency 50): ${fmt(baseline)} jobs/s | ${(throughput / baseline).toFixed(2)} |`,
  );
  console.log(
    `| end-to-end latency at ${fmt(RATE)} rows/s offered | p50 ${fmt(pct(lat, 50))} ms, p99 ${fmt(pct(lat, 99))} ms (${fmt(lat.length)} messages) | target p99 < 2,000 ms | — |`,
  );
  report.note(
    `${fmt(ROWS)} outbox rows written at once; latency phase ${fmt(RATE)} rows/s offered for ${LATENCY_SECONDS} s`,
  );
  report.add({
    figure: `outbox → in-app message, ${fmt(ROWS)} rows at once`,
    value: throughput,
    unit: 'rows/s',
    baseline: baseline,
    baselineLabel:
      "BullMQ's raw rate, same Redis: addBulk of no-op jobs and a Worker (concurrency 50), jobs/s",
    ratio: throughput / baseline,
    ratioLabel: 'throughput, pipeline ÷ raw BullMQ',
  });
  report.add({
    figure: `end-to-end latency (outbox commit → inbox row) at ${fmt(RATE)} rows/s offered`,
    value: pct(lat, 99),
    unit: 'ms p99',
    detail: `p50 ${fmt(pct(lat, 50))} ms, ${fmt(lat.length)} messages`,
    baseline: null,
    baselineLabel: 'none: a target',
    ratio: null,
    target: 'p99 < 2,000 ms',
    met: pct(lat, 99) < 2000,
  });
  report.write();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
