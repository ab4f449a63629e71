import type { AppConfig } from '@app/config';
import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** How long taking a pooled connection (or opening one) may take. */
export const CONNECTION_TIMEOUT_MS = 10_000;

/**
 * Connection options shared by the API, the worker, the CLI and tests.
 * JIT is off for our connections: it adds ~100 ms to large aggregates (toolchain.md). pg_trgm's `%` compares at
 * DUPLICATE_NAME_SIMILARITY (the duplicate check's name search, issue 5).
 */
export function dataSourceOptions(
  config: AppConfig,
  { url = config.DATABASE_URL, replicas = true }: { url?: string; replicas?: boolean } = {},
): DataSourceOptions {
  const connection = {
    url,
    extra: {
      max: config.DATABASE_POOL_SIZE,
      // A request never waits unboundedly for a connection (the pool's queue or a server that does not answer): after
      // this it fails with pg-pool's timeout, which the problem filter answers 503 with Retry-After.
      connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
      options: `-c jit=off -c TimeZone=UTC -c pg_trgm.similarity_threshold=${config.DUPLICATE_NAME_SIMILARITY}`,
    },
  };
  return {
    type: 'postgres',
    ...(replicas && config.DATABASE_REPLICA_URLS.length
      ? {
          replication: {
            master: connection,
            slaves: config.DATABASE_REPLICA_URLS.map((u) => ({ url: u, extra: connection.extra })),
          },
        }
      : connection),
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'schema_migrations',
    // Failed queries surface as exceptions (logged by the problem filter); query logging is opt-in.
    logging: config.DATABASE_LOG_QUERIES ? ['query', 'error'] : false,
  };
}
