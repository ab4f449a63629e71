import { actorByUsername } from '@app/auth';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@app/config';
import type { Actor } from '@app/contracts';
import { dataSourceOptions, dropDatabase } from '@app/database';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TEST_PG_BASE, TEST_TEMPLATE_DB, uniqueName } from './test-env';

export interface TestDatabase {
  url: string;
  name: string;
  /** A plain pg client for assertions and for tampering in tests. */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  dataSource(): Promise<DataSource>;
  drop(): Promise<void>;
}

/** A fresh database with every migration applied, copied from the template made by globalSetup. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = uniqueName('ipe_t');
  const admin = new Client({ connectionString: `${TEST_PG_BASE}/postgres` });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEST_TEMPLATE_DB}"`);
        break;
      } catch (e) {
        // Another file copying the template at the same instant: wait and retry.
        if (attempt > 20 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  const url = `${TEST_PG_BASE}/${name}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  let ds: DataSource | undefined;
  return {
    url,
    name,
    sql: async (text, params) => (await client.query(text, params as unknown[])).rows,
    dataSource: async () => {
      if (!ds) {
        ds = new DataSource(dataSourceOptions(testConfig({ DATABASE_URL: url }), { replicas: false }));
        await ds.initialize();
      }
      return ds;
    },
    drop: async () => {
      await ds?.destroy();
      await client.end();
      await dropDatabase(url);
    },
  };
}

export function testConfig(overrides: Partial<Record<keyof AppConfig, string>> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    STORAGE_ROOT: join(tmpdir(), `ipe-storage-${process.pid}`),
    ...overrides,
  });
}

/** The Actor of a seeded user, as the JWT strategy would build it (for service-level tests). */
export function actorOf(db: TestDatabase, username: string): Promise<Actor> {
  return actorByUsername((sql, params) => db.sql(sql, params), username);
}
