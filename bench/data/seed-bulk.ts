/**
 * Bulk synthetic data (npm run seed:bulk -- [--cases N] [--complaints N] [--database-url URL] [--seed N] [--batch N]).
 * Migrates the database and seeds the reference and demo data when the regions table is empty, then adds
 * - cases (--cases, default 1,000,000 when --complaints is not given; see case-generator.ts). Re-running adds more
 *   cases and reuses the offices and accounts;
 * - 12330 complaints (--complaints N, default 30 % of --cases; 0 for none; see complaint-generator.ts: the hotline
 *   traffic of 浙江 and 江苏 with accept/refuse decisions and callbacks rated 5/4/3/2/1 = 50/30/12/5/3 %), unless the
 *   database's marker (table bench_intake_dataset) says it already holds at least N complaints of the current
 *   generator version;
 * and then rebuilds the statistics' facts and summaries from everything there (the loaders bypass the triggers).
 */
import 'reflect-metadata';
import { loadConfigWith } from '@app/config';
import { dropDatabase, migrate } from '@app/database';
import { Client } from 'pg';
import { seedReferenceAndDemoData } from '../../test/support/seed';
import { DEFAULT_BATCH, generateCases } from './case-generator';
import { COMPLAINT_GENERATOR_VERSION, generateComplaints } from './complaint-generator';
import { rebuildStatistics, vacuumStatistics } from '@app/stats';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

function intArg(name: string, fallback: number): number {
  const raw = arg(name);
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${raw}"`);
  return n;
}

/** Migrates and, when the region table is empty, seeds regions, calendar and the demo organisation. */
export async function prepareDatabase(databaseUrl: string, log: (s: string) => void): Promise<void> {
  const config = loadConfigWith({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
  const applied = await migrate(config);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM regions`);
    if (rows[0].n > 0) return;
  } finally {
    await client.end();
  }
  log('seeding regions, calendar and demo organisation …');
  await seedReferenceAndDemoData(config);
}

export interface ComplaintDatasetMarker {
  generator_version: number;
  complaints: number;
  seed: number;
  /** The tracking sequence numbers the generated complaints took (later rows are the benchmark's own). */
  first_seq: number;
  last_seq: number;
  seconds: number;
  /** 'YYYY-MM-DD': the data ends the day before (the 90-day window slides as the data set ages). */
  today: string;
}

export async function readComplaintMarker(databaseUrl: string): Promise<ComplaintDatasetMarker | null> {
  const c = new Client({ connectionString: databaseUrl });
  try {
    await c.connect();
  } catch {
    return null; // no database yet
  }
  try {
    const { rows } = await c.query<ComplaintDatasetMarker>(
      `SELECT generator_version, complaints, seed, first_seq::float AS first_seq, last_seq::float AS last_seq,
              seconds::float AS seconds, to_char(today, 'YYYY-MM-DD') AS today
         FROM bench_intake_dataset ORDER BY generated_at DESC LIMIT 1`,
    );
    return rows[0] ?? null;
  } catch {
    return null; // no marker table
  } finally {
    await c.end();
  }
}

/**
 * A database holding at least `complaints` generated complaints: reused while its marker (bench_intake_dataset)
 * has the current generator version and seed and at least that many; otherwise generated — into a freshly
 * recreated database when `fresh` (a benchmark's own database), else added to what is there.
 */
export async function ensureComplaintDataset(
  databaseUrl: string,
  opts: {
    complaints: number;
    seed?: number;
    fresh?: boolean;
    regenerate?: boolean;
    log: (s: string) => void;
  },
): Promise<{ marker: ComplaintDatasetMarker; generated: boolean }> {
  const seed = opts.seed ?? 1;
  const marker = await readComplaintMarker(databaseUrl);
  if (
    !opts.regenerate &&
    marker?.generator_version === COMPLAINT_GENERATOR_VERSION &&
    marker.seed === seed &&
    marker.complaints >= opts.complaints
  ) {
    await prepareDatabase(databaseUrl, opts.log); // a migration added since the data set was made
    return { marker, generated: false };
  }
  if (opts.fresh) await dropDatabase(databaseUrl);
  await prepareDatabase(databaseUrl, opts.log);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const result = await generateComplaints(databaseUrl, {
    complaints: opts.complaints,
    seed,
    today,
    log: opts.log,
  });
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query(`CREATE TABLE IF NOT EXISTS bench_intake_dataset (
                     generator_version int NOT NULL, complaints int NOT NULL, seed int NOT NULL, first_seq bigint,
                     last_seq bigint, seconds numeric, today date, generated_at timestamptz NOT NULL DEFAULT now())`);
    await c.query(`DELETE FROM bench_intake_dataset`);
    await c.query(
      `INSERT INTO bench_intake_dataset (generator_version, complaints, seed, first_seq, last_seq, seconds, today)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        COMPLAINT_GENERATOR_VERSION,
        opts.complaints,
        seed,
        result.firstSeq,
        result.lastSeq,
        result.seconds,
        today,
      ],
    );
    // Visibility map and hint bits, as a table in service would have them after autovacuum.
    opts.log('VACUUM ANALYZE complaints …');
    await c.query('VACUUM (ANALYZE) complaints');
  } finally {
    await c.end();
  }
  return { marker: (await readComplaintMarker(databaseUrl))!, generated: true };
}

/**
 * The statistics' facts and summaries rebuilt from the source tables: the generators load with
 * session_replication_role = replica, which also skips the triggers that log changes for the projector.
 */
export async function rebuildStats(databaseUrl: string, log: (s: string) => void): Promise<number> {
  const started = Date.now();
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('BEGIN');
    await rebuildStatistics({ query: (sql: string, params?: unknown[]) => c.query(sql, params) });
    await c.query('COMMIT');
    await vacuumStatistics({ query: (sql: string) => c.query(sql) });
  } finally {
    await c.end();
  }
  const seconds = (Date.now() - started) / 1000;
  log(`statistics rebuilt (and vacuumed) in ${seconds.toFixed(1)} s`);
  return seconds;
}

/** Complaints generated per case when only --cases is given (the statistics' 12330 and satisfaction figures). */
const COMPLAINTS_PER_CASE = 0.3;

async function main(): Promise<void> {
  const databaseUrl =
    arg('database-url') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ipe';
  const complaintsArg = arg('complaints') === undefined ? undefined : intArg('complaints', 0);
  const cases = intArg('cases', complaintsArg ? 0 : 1_000_000);
  // With cases, the 12330 traffic (and its callbacks' satisfaction) comes along: 30 % as many complaints.
  const complaints = complaintsArg ?? Math.round(cases * COMPLAINTS_PER_CASE);
  const seed = intArg('seed', 1);
  const batch = intArg('batch', DEFAULT_BATCH);
  const log = (s: string) => console.log(`[seed:bulk] ${s}`);
  await prepareDatabase(databaseUrl, log);
  if (cases) {
    const result = await generateCases(databaseUrl, { cases, seed, batch, log });
    log(
      `done: ${result.cases.toLocaleString('en-US')} cases in ${result.seconds.toFixed(1)} s ` +
        `(${result.offices} offices, ${result.users} accounts; password Demo@2026)`,
    );
  }
  if (complaints) {
    const { marker, generated } = await ensureComplaintDataset(databaseUrl, { complaints, seed, log });
    log(
      generated
        ? `done: ${complaints.toLocaleString('en-US')} complaints in ${marker.seconds.toFixed(1)} s`
        : `kept: the database already holds ${marker.complaints.toLocaleString('en-US')} generated complaints ` +
            `(generator v${marker.generator_version}, data up to ${marker.today})`,
    );
  }
  if (cases || complaints) await rebuildStats(databaseUrl, log);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
