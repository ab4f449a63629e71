import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';
import { createTestDatabase, TestDatabase, uniqueName } from '@app/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApi } from '../../apps/api/src/bootstrap';

export const DEMO_PASSWORD = 'Demo@2026';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  /** BullMQ key prefix of this app (a worker started for it must use the same). */
  queuePrefix: string;
  http: () => ReturnType<typeof request>;
  /** Signs in and returns the access token (and the whole session body). */
  login(username: string, password?: string): Promise<{ token: string; body: Record<string, unknown> }>;
  /** Signs these demo users in once, so `as(user)` can send their requests. */
  signIn(...usernames: string[]): Promise<void>;
  /** Requests with the bearer token of a user signed in by `signIn`. */
  as(username: string): UserRequests;
  close(): Promise<void>;
}

export interface UserRequests {
  get(url: string): request.Test;
  post(url: string, body?: object): request.Test;
  patch(url: string, body?: object): request.Test;
  delete(url: string): request.Test;
  /** A POST to fill with `.field()` / `.attach()` (multipart). */
  upload(url: string): request.Test;
}

/**
 * The real API (same bootstrap as production) on a fresh copy of the seeded template database.
 * Each test file gets its own database and queue prefix.
 */
export async function createTestApp(
  overrides: Partial<Record<keyof AppConfig, string>> = {},
  /** A database of the caller's (a fault test's private PostgreSQL) instead of a fresh copy of the template. */
  options: { db?: TestDatabase } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const queuePrefix = overrides.QUEUE_PREFIX ?? uniqueName('ipet');
  const app = await createApi({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '5',
    QUEUE_PREFIX: queuePrefix,
    LOGIN_RATE_PER_MINUTE: '1000',
    WEB_DIST: overrides.WEB_DIST ?? '/nonexistent',
    STORAGE_ROOT: join(tmpdir(), `ipe-storage-${process.pid}`),
    ...overrides,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const http = () => request(app.getHttpServer());
  const tokens = new Map<string, string>();
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const res = await http().post('/api/v1/auth/login').send({ username, password });
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { token: res.body.accessToken as string, body: res.body as Record<string, unknown> };
  };
  return {
    app,
    db,
    queuePrefix,
    http,
    login,
    async signIn(...usernames) {
      for (const u of usernames) tokens.set(u, (await login(u)).token);
    },
    as(username) {
      const token = tokens.get(username);
      if (!token) throw new Error(`${username} is not signed in: call signIn('${username}') first`);
      const auth = (r: request.Test) => r.set('authorization', `Bearer ${token}`);
      return {
        get: (url) => auth(http().get(url)),
        post: (url, body = {}) => auth(http().post(url)).send(body),
        patch: (url, body = {}) => auth(http().patch(url)).send(body),
        delete: (url) => auth(http().delete(url)),
        upload: (url) => auth(http().post(url)),
      };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/**
 * Starts the API on a random port (for the browser tests); it serves the built web app at `/`. `app` is the Nest
 * application, for a test that calls a service directly (the credit sweep with the clock moved forward, say).
 */
export async function startTestServer(): Promise<{
  baseUrl: string;
  app: NestFastifyApplication;
  close(): Promise<void>;
}> {
  const t = await createTestApp({ WEB_DIST: 'apps/web/dist' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { baseUrl: `http://127.0.0.1:${port}`, app: t.app, close: () => t.close() };
}
