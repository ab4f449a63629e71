import { loadConfigWith } from '@app/config';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { Client } from 'pg';
import { REGISTRY_CHANNEL, RegistryCache } from './registry-cache';

describe('RegistryCache (PostgreSQL LISTEN/NOTIFY)', () => {
  let db: TestDatabase;
  let cache: RegistryCache;
  const hit = { body: '{"items":[]}', etag: '"x"' };

  beforeAll(async () => {
    db = await createTestDatabase();
    cache = new RegistryCache(loadConfigWith({ DATABASE_URL: db.url, REGISTRY_CACHE_SECONDS: '30' }));
  });
  afterAll(async () => {
    await cache.onModuleDestroy();
    await db.drop();
  });

  const waitFor = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
    return check();
  };

  it('caches nothing until it listens, then drops everything when a notifying transaction commits', async () => {
    cache.set('k', hit, cache.generation);
    expect(cache.get('k')).toBeNull(); // not listening yet: nothing is kept
    await cache.listen();
    cache.set('k', hit, cache.generation);
    expect(cache.get('k')).toEqual(hit);

    // A change in another connection clears it when — and only when — its transaction commits.
    const other = new Client({ connectionString: db.url });
    await other.connect();
    await other.query('BEGIN');
    await other.query(`SELECT pg_notify($1, '')`, [REGISTRY_CHANNEL]);
    await new Promise((r) => setTimeout(r, 100));
    expect(cache.get('k')).toEqual(hit);
    await other.query('COMMIT');
    expect(await waitFor(() => cache.get('k') === null)).toBe(true);

    // A rolled-back change notifies nobody.
    cache.set('k', hit, cache.generation);
    await other.query('BEGIN');
    await other.query(`SELECT pg_notify($1, '')`, [REGISTRY_CHANNEL]);
    await other.query('ROLLBACK');
    await new Promise((r) => setTimeout(r, 100));
    expect(cache.get('k')).toEqual(hit);
    await other.end();
  });

  it('does not store a response computed before a clear', () => {
    const before = cache.generation;
    cache.clear();
    cache.set('late', hit, before);
    expect(cache.get('late')).toBeNull();
  });
});
