/**
 * Foundation benchmark (npm run bench:foundation). Prints each figure next to a baseline measured in the same run
 * on the same machine, and their ratio:
 *   1. HTTP: GET /api/v1/auth/me (JWT guard + one joined read) through the full NestJS/Fastify stack,
 *      against bare Fastify + pg running the same SQL.
 *   2. Audit append: one hash-chained audit event per transaction (distinct streams, then one hot stream),
 *      against a bare INSERT of the same row shape through pg.
 */
import 'reflect-metadata';
import { AuditWriter } from '@app/audit';
import { SYSTEM_ACTOR } from '@app/contracts';
import { loadConfigWith } from '@app/config';
import { dropDatabase, migrate } from '@app/database';
import { TransactionHost } from '@nestjs-cls/transactional';
import { NestFactory } from '@nestjs/core';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { CliModule } from '../apps/api/src/cli/cli.module';
import { seedReferenceAndDemoData } from '../test/support/seed';
import { fmt, load, machine, rate, recorder, startCompiledApi } from './support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const DB_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ipe_bench';
const ME_SQL = `SELECT u.id, u.username, u.display_name, u.roles, o.name AS office_name, o.region_code, r.name AS region_name
                  FROM users u JOIN offices o ON o.id = u.office_id LEFT JOIN regions r ON r.code = o.region_code
                 WHERE u.id = $1`;

async function main(): Promise<void> {
  const env = {
    DATABASE_URL: DB_URL,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0001',
  } as const;
  const config = loadConfigWith(env);
  const report = recorder('foundation', { seconds: SECONDS, connections: CONNECTIONS, concurrency: 8 });
  console.log(
    `# Foundation benchmark — ${new Date().toISOString()}\n${machine()}; ${SECONDS} s per HTTP run, ${CONNECTIONS} connections\n`,
  );
  if (!process.env.BENCH_REUSE) {
    await dropDatabase(DB_URL);
    await migrate(config);
    await seedReferenceAndDemoData(config);
  }
  const pool = new Pool({ connectionString: DB_URL, max: 10 });
  await pool.query('ANALYZE'); // fresh tables: give the planner statistics, as autovacuum would shortly

  // 1. HTTP
  // The API as production runs it: compiled, in its own process (startCompiledApi).
  const api = await startCompiledApi({ ...env, WEB_DIST: '/nonexistent', DATABASE_POOL_SIZE: '10' });
  const apiPort = api.port;
  const login = await fetch(`http://127.0.0.1:${apiPort}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'officer.zj', password: config.DEMO_PASSWORD }),
  }).then((r) => r.json() as Promise<{ accessToken: string; user: { id: string } }>);

  const bare = Fastify();
  bare.get('/me', async () => (await pool.query(ME_SQL, [login.user.id])).rows[0]);
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const barePort = (bare.server.address() as { port: number }).port;

  const base = await load(`http://127.0.0.1:${barePort}/me`, { seconds: SECONDS, connections: CONNECTIONS });
  const full = await load(`http://127.0.0.1:${apiPort}/api/v1/auth/me`, {
    seconds: SECONDS,
    connections: CONNECTIONS,
    headers: { authorization: `Bearer ${login.accessToken}` },
  });
  await bare.close();
  await api.close();

  // 2. Audit append
  const ctx = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: false });
  const writer = ctx.get(AuditWriter);
  const tx = ctx.get(TransactionHost);
  await pool.query(
    `DROP TABLE IF EXISTS bench_audit_like; CREATE TABLE bench_audit_like (LIKE audit_events INCLUDING DEFAULTS)`,
  );
  const ms = SECONDS * 1000;
  const concurrency = 8;
  const bareInsert = await rate(ms, concurrency, (i) =>
    pool.query(
      `INSERT INTO bench_audit_like (id, stream, seq, occurred_at, actor_name, action, entity_type, entity_id, data, prev_hash, hash)
       VALUES ($1, $2, 1, now(), 'system', 'bench', 'bench', $3, '{}', repeat('0', 64), repeat('0', 64))`,
      [i, `bench:${i}`, String(i)],
    ),
  );
  const record = (stream: string) => () =>
    tx.withTransaction(() =>
      writer.record(SYSTEM_ACTOR, {
        action: 'bench',
        entityType: 'bench',
        entityId: stream,
        stream,
        data: { n: 1 },
      }),
    );
  const distinct = await rate(ms, concurrency, (i) => record(`bench:${i}`)());
  const hot = await rate(ms, concurrency, record('bench:hot'));
  await ctx.close();
  await pool.end();

  const row = (name: string, value: string, baseline: string, ratio: number) =>
    `| ${name} | ${value} | ${baseline} | ${ratio.toFixed(2)} |`;
  console.log('| measure | result | same-run baseline | ratio |');
  console.log('|---|---|---|---|');
  console.log(
    row(
      'GET /api/v1/auth/me (NestJS + Fastify + JWT + TypeORM)',
      `${fmt(full.rps)} req/s, p99 ${full.p99} ms`,
      `bare Fastify + pg: ${fmt(base.rps)} req/s, p99 ${base.p99} ms`,
      full.rps / base.rps,
    ),
  );
  console.log(
    row(
      'audit append, distinct streams (8 concurrent tx)',
      `${fmt(distinct)} events/s`,
      `bare INSERT: ${fmt(bareInsert)} rows/s`,
      distinct / bareInsert,
    ),
  );
  console.log(
    row(
      'audit append, one hot stream (8 concurrent tx)',
      `${fmt(hot)} events/s`,
      `bare INSERT: ${fmt(bareInsert)} rows/s`,
      hot / bareInsert,
    ),
  );
  if (full.errors || full.non2xx)
    console.log(`\nwarning: ${full.errors} errors, ${full.non2xx} non-2xx responses in the API run`);

  report.note(
    `${SECONDS} s per run; HTTP: autocannon, ${CONNECTIONS} connections; audit: 8 concurrent transactions`,
  );
  report.add({
    figure: 'GET /api/v1/auth/me (NestJS + Fastify + JWT + TypeORM)',
    value: full.rps,
    unit: 'req/s',
    detail:
      `p50 ${full.p50} / p99 ${full.p99} ms` +
      (full.errors || full.non2xx ? `, ${full.errors} errors, ${full.non2xx} non-2xx` : ''),
    baseline: base.rps,
    baselineDetail: `p50 ${base.p50} / p99 ${base.p99} ms`,
    baselineLabel: 'bare Fastify + pg running the same SQL',
    ratio: full.rps / base.rps,
    ratioLabel: 'throughput, API ÷ bare',
  });
  for (const [figure, value] of [
    ['audit append, distinct streams (8 concurrent tx)', distinct],
    ['audit append, one hot stream (8 concurrent tx)', hot],
  ] as const) {
    report.add({
      figure,
      value,
      unit: 'events/s',
      baseline: bareInsert,
      baselineLabel: 'bare INSERT of the same row shape through pg (rows/s)',
      ratio: value / bareInsert,
      ratioLabel: 'throughput, audit ÷ bare',
    });
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
