import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditModule } from '@app/audit';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import type { ModuleMetadata } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestModule {
  db: TestDatabase;
  module: TestingModule;
  close(): Promise<void>;
}

/**
 * A Nest testing module over a fresh test database, with what every service needs: config (this database, silent
 * logs), the database and ambient transactions, and the audit writer. `meta` adds the modules and providers
 * under test.
 */
export async function createTestModule(meta: ModuleMetadata = {}): Promise<TestModule> {
  const db = await createTestDatabase();
  const module = await Test.createTestingModule({
    ...meta,
    imports: [
      ConfigModule.forRoot({
        DATABASE_URL: db.url,
        LOG_LEVEL: 'silent',
        STORAGE_ROOT: join(tmpdir(), `ipe-storage-${process.pid}`),
      }),
      DatabaseModule,
      AuditModule,
      ...(meta.imports ?? []),
    ],
  }).compile();
  module.useLogger(false);
  await module.init();
  return {
    db,
    module,
    async close() {
      await module.close();
      await db.drop();
    },
  };
}
