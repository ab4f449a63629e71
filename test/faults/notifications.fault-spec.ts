import { spawn, type ChildProcess } from 'node:child_process';
import { PrivateRedis } from '../support/private-redis';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/test-worker';

jest.setTimeout(120_000);

/**
 * Nothing lost, nothing twice: the pipeline with Redis killed and restarted under load, and with two worker
 * processes one of which is killed with SIGKILL. Uses a Redis server of its own.
 */
describe('notification pipeline under faults (e2e)', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let admin: string;
  let users: string[];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await createTestApp({ REDIS_URL: redis.url });
    admin = (await t.login('admin')).token;
    users = (
      await t.db.sql(`SELECT id FROM users WHERE username IN ('officer.zj', 'officer.js') ORDER BY id`)
    ).map((r) => r.id as string);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  /** Sends `n` test notifications (two recipients each) through the API; every request must succeed. */
  async function send(n: number, tag: string): Promise<void> {
    for (let i = 0; i < n; i += 25) {
      const batch = Array.from({ length: Math.min(25, n - i) }, (_, k) =>
        t
          .http()
          .post('/api/v1/notifications/test')
          .set('authorization', `Bearer ${admin}`)
          .send({ users, note: `${tag}-${i + k}` }),
      );
      for (const res of await Promise.all(batch)) expect(res.status).toBe(202);
    }
  }

  /** Every test outbox row since `fromId` reached each recipient's inbox exactly once. */
  async function expectExactlyOnce(fromId: string, rows: number): Promise<void> {
    await waitFor(
      async () => {
        const [{ n }] = await t.db.sql(
          `SELECT count(*)::int AS n FROM inbox_messages m JOIN notification_deliveries d ON d.id = m.delivery_id
            WHERE d.outbox_id > $1`,
          [fromId],
        );
        return (n as number) >= rows * users.length;
      },
      `${rows * users.length} inbox messages`,
      90_000,
    );
    const dup = await t.db.sql(
      `SELECT d.outbox_id, m.user_id, count(*)::int AS n FROM inbox_messages m
         JOIN notification_deliveries d ON d.id = m.delivery_id WHERE d.outbox_id > $1
        GROUP BY 1, 2 HAVING count(*) <> 1`,
      [fromId],
    );
    expect(dup).toEqual([]);
    const [{ outbox, delivered, others }] = await t.db.sql(
      `SELECT (SELECT count(*)::int FROM outbox WHERE id > $1 AND topic = 'notification.test') AS outbox,
              (SELECT count(*)::int FROM notification_deliveries WHERE outbox_id > $1 AND status = 'delivered') AS delivered,
              (SELECT count(*)::int FROM notification_deliveries WHERE outbox_id > $1 AND status <> 'delivered') AS others`,
      [fromId],
    );
    expect({ outbox, delivered, others }).toEqual({
      outbox: rows,
      delivered: rows * users.length,
      others: 0,
    });
  }

  function spawnWorker(): ChildProcess {
    return spawn(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
      {
        env: {
          ...process.env,
          DATABASE_URL: t.db.url,
          QUEUE_PREFIX: t.queuePrefix,
          REDIS_URL: redis.url,
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      },
    );
  }

  async function stopWorker(p: ChildProcess): Promise<void> {
    if (p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await exited;
  }

  const lastOutboxId = async () =>
    String((await t.db.sql(`SELECT coalesce(max(id), 0) AS id FROM outbox`))[0].id);

  it('loses nothing and duplicates nothing when Redis dies and comes back while 1,000 notifications are written', async () => {
    const from = await lastOutboxId();
    // Worker processes of their own: two Nest applications in one process share @Transactional's handler.
    const worker = spawnWorker();
    try {
      await send(300, 'before');
      await redis.stop(); // everything queued in Redis is gone with it (no persistence)
      await send(400, 'during'); // requests never wait on Redis
      await new Promise((r) => setTimeout(r, 1500));
      await redis.start();
      await send(300, 'after');
      await expectExactlyOnce(from, 1000);
    } finally {
      await stopWorker(worker);
    }
  });

  it('shares the work between two worker processes, and survives one being killed with SIGKILL', async () => {
    const from = await lastOutboxId();
    const env = {
      ...process.env,
      DATABASE_URL: t.db.url,
      QUEUE_PREFIX: t.queuePrefix,
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
    };
    const spawnWorker = (): ChildProcess =>
      spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'],
        {
          env,
          stdio: 'ignore',
        },
      );
    const a = spawnWorker();
    const b = spawnWorker();
    try {
      await send(200, 'two-workers');
      const delivered = async () =>
        (
          await t.db.sql(
            `SELECT count(*)::int AS n FROM notification_deliveries WHERE outbox_id > $1 AND status = 'delivered'`,
            [from],
          )
        )[0].n as number;
      await waitFor(async () => (await delivered()) > 50, 'the workers to start delivering', 60_000);
      a.kill('SIGKILL');
      await send(200, 'one-left');
      await expectExactlyOnce(from, 400);
    } finally {
      a.kill('SIGKILL');
      await stopWorker(b);
    }
  });
});
