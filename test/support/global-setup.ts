// Jest loads this file without its moduleNameMapper, so resolve the @app/* aliases through tsconfig paths.
import 'tsconfig-paths/register';
import { loadConfig } from '@app/config';
import { dropDatabase, migrate } from '@app/database';
import { TEST_PG_BASE, templateUrl } from '@app/testing';
import { Client } from 'pg';
import { seedReferenceAndDemoData } from './seed';

/**
 * Once per `jest` run: rebuild the template database — every migration, the region tree, the calendar and
 * the demo offices and accounts. Each test file then copies it (CREATE DATABASE … TEMPLATE), which takes a
 * fraction of a second and isolates files from each other completely.
 */
export default async function globalSetup(): Promise<void> {
  const admin = new Client({ connectionString: `${TEST_PG_BASE}/postgres` });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'ipe\\_t\\_%' OR datname LIKE 'ipe\\_tpl\\_%'`,
  );
  // Leftovers of interrupted runs: databases whose creating process is gone (names carry the pid).
  for (const r of rows) {
    const pid = Number(/^ipe_(?:t|tpl)_(\d+)/.exec(r.datname)?.[1]);
    if (pid && alive(pid)) continue;
    await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
  }
  await admin.end();

  // This run's template (test files copy it); the name travels to the jest workers through the environment.
  const template = `ipe_tpl_${process.pid}`;
  process.env.IPE_TEST_TEMPLATE = template;
  await dropDatabase(templateUrl(template));
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: templateUrl(template) });
  await migrate(config);
  await seedReferenceAndDemoData(config);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
