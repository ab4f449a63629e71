import type { AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { ensureDatabase } from './database-admin';
import { dataSourceOptions } from './data-source-options';

/** Creates the database when missing and applies pending migrations; returns their names. */
export async function migrate(config: AppConfig, url = config.DATABASE_URL): Promise<string[]> {
  await ensureDatabase(url);
  const ds = new DataSource(dataSourceOptions(config, { url, replicas: false }));
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
