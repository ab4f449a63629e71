import { loadConfigWith, type AppConfig } from '@app/config';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/** The real worker (relay loop, channel processors, schedulers) in this process, on the given database/prefix. */
export async function startWorker(
  overrides: Partial<Record<keyof AppConfig, string>>,
): Promise<INestApplicationContext> {
  const config = loadConfigWith({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_POOL_SIZE: '10',
    ...overrides,
  });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  await app.init();
  return app;
}

/** Polls `check` until it returns a truthy value or the time is up. */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
