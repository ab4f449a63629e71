import { testConfig, TEST_REDIS_URL, uniqueName } from '@app/testing';
import { RedisThrottlerStorage } from './redis-throttler-storage';

describe('RedisThrottlerStorage (Redis)', () => {
  const stores: RedisThrottlerStorage[] = [];
  const store = (redisUrl: string, prefix: string) => {
    const s = new RedisThrottlerStorage(testConfig({ REDIS_URL: redisUrl, QUEUE_PREFIX: prefix }));
    stores.push(s);
    return s;
  };
  afterAll(() => stores.forEach((s) => s.onApplicationShutdown()));

  it('counts the hits of two API processes together and blocks the client past the limit', async () => {
    const prefix = uniqueName('ipe_t_thr');
    const [a, b] = [store(TEST_REDIS_URL, prefix), store(TEST_REDIS_URL, prefix)];
    const hits = [];
    for (let i = 0; i < 5; i++)
      hits.push(await (i % 2 ? b : a).increment('10.0.0.1', 60_000, 3, 60_000, 'public'));
    expect(hits.map((h) => h.isBlocked)).toEqual([false, false, false, true, true]);
    expect(hits.slice(0, 3).map((h) => h.totalHits)).toEqual([1, 2, 3]);
    expect(hits[3].timeToBlockExpire).toBeGreaterThan(0);
    expect(hits[0].timeToExpire).toBeGreaterThan(0);
    // Another client, another limit name, another environment (prefix): counted apart.
    expect((await a.increment('10.0.0.2', 60_000, 3, 60_000, 'public')).totalHits).toBe(1);
    expect((await b.increment('10.0.0.1', 60_000, 3, 60_000, 'default')).totalHits).toBe(1);
    const other = store(TEST_REDIS_URL, uniqueName('ipe_t_thr'));
    expect((await other.increment('10.0.0.1', 60_000, 3, 60_000, 'public')).isBlocked).toBe(false);
  });

  it('counts in the process while Redis does not answer, instead of refusing the request', async () => {
    const down = store('redis://127.0.0.1:1', uniqueName('ipe_t_thr'));
    const hits = [];
    for (let i = 0; i < 3; i++) hits.push(await down.increment('10.0.0.3', 60_000, 2, 60_000, 'default'));
    expect(hits.map((h) => h.isBlocked)).toEqual([false, false, true]);
  });
});
