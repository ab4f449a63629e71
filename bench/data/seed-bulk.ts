/**
 * Bulk synthetic cases (npm run seed:bulk -- --cases 1000000 [--database-url URL] [--seed N] [--batch N]). Migrates the database
 * and seeds the reference and demo data when the regions table is empty, then adds the cases (see
 * case-generator.ts for the distribution). Re-running adds more cases and reuses the offices and accounts.
 */
import 'reflect-metadata';
import { loadConfigWith } from '@app/config';
import { migrate } from '@app/database';
import { Client } from 'pg';
import { seedReferenceAndDemoData } from '../../test/support/seed';
import { DEFAULT_BATCH, generateCases } from './case-generator';

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

async function main(): Promise<void> {
  const databaseUrl =
    arg('database-url') ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ipe';
  const cases = intArg('cases', 1_000_000);
  const seed = intArg('seed', 1);
  const batch = intArg('batch', DEFAULT_BATCH);
  const log = (s: string) => console.log(`[seed:bulk] ${s}`);
  await prepareDatabase(databaseUrl, log);
  const result = await generateCases(databaseUrl, { cases, seed, batch, log });
  log(
    `done: ${result.cases.toLocaleString('en-US')} cases in ${result.seconds.toFixed(1)} s ` +
      `(${result.offices} offices, ${result.users} accounts; password Demo@2026)`,
  );
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
