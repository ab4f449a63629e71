import { StatsProjector, StatsReconciler } from '@app/stats';
import { spawn, type ChildProcess } from 'node:child_process';
import type { Response } from 'supertest';
import { generateCases } from '../../bench/data/case-generator';
import { PrivateRedis } from '../support/private-redis';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/test-worker';
import { trademarkCaseInput, trademarkComplaintInput } from '../support/load-inputs';

jest.setTimeout(240_000);

/** A request taking longer than this counts as hanging on Redis. */
const REQUEST_DEADLINE_MS = 15_000;
/** How long Redis stays stopped while the load runs (real time: the injected outage). */
const REDIS_OUTAGE_MS = 30_000;

/**
 * Nothing lost, nothing twice: the pipeline with Redis stopped and restarted under load, with the worker killed
 * (SIGKILL) mid-batch and restarted, and with two worker processes one of which is killed. Uses a Redis server of
 * its own; the workers are real worker processes.
 */
describe('notification pipeline and statistics under faults', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  let admin: string;
  let users: string[];
  const officers: string[] = [];
  const run = Date.now().toString(36);

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await createTestApp({ REDIS_URL: redis.url, PUBLIC_COMPLAINT_RATE_PER_MINUTE: '100000' });
    admin = (await t.login('admin')).token;
    await t.signIn('admin', 'operator.zj', 'officer.zj', 'officer2.zj');
    users = (
      await t.db.sql(`SELECT id FROM users WHERE username IN ('officer.zj', 'officer.js') ORDER BY id`)
    ).map((r) => r.id as string);
    for (const r of await t.db.sql(
      `SELECT id FROM users WHERE username IN ('officer.zj', 'officer2.zj') ORDER BY username`,
    ))
      officers.push(r.id as string);
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
            WHERE d.outbox_id > $1 AND d.topic = 'notification.test'`,
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
        GROUP BY 1, 2, d.topic HAVING count(*) <> 1`,
      [fromId],
    );
    expect(dup).toEqual([]);
    const [{ outbox, delivered, others }] = await t.db.sql(
      `SELECT (SELECT count(*)::int FROM outbox WHERE id > $1 AND topic = 'notification.test') AS outbox,
              (SELECT count(*)::int FROM notification_deliveries WHERE outbox_id > $1 AND topic = 'notification.test'
                  AND status = 'delivered') AS delivered,
              (SELECT count(*)::int FROM notification_deliveries WHERE outbox_id > $1 AND topic = 'notification.test'
                  AND status <> 'delivered') AS others`,
      [fromId],
    );
    expect({ outbox, delivered, others }).toEqual({
      outbox: rows,
      delivered: rows * users.length,
      others: 0,
    });
  }

  /**
   * Every outbox row since `fromId`, whatever its topic, was relayed, and every inbox delivery it made reached the
   * inbox exactly once; no delivery of any channel succeeded twice.
   */
  async function expectAllDeliveredOnce(fromId: string): Promise<number> {
    await waitFor(
      async () => {
        const [r] = await t.db.sql(
          `SELECT (SELECT count(*)::int FROM outbox WHERE id > $1 AND dispatched_at IS NULL) AS undispatched,
                  (SELECT count(*)::int FROM notification_deliveries
                    WHERE outbox_id > $1 AND channel = 'inbox' AND status <> 'delivered') AS undelivered`,
          [fromId],
        );
        return r.undispatched === 0 && r.undelivered === 0;
      },
      'every outbox row relayed and every inbox delivery delivered',
      120_000,
    );
    const wrong = await t.db.sql(
      `SELECT d.id, d.topic, count(m.id)::int AS messages FROM notification_deliveries d
         LEFT JOIN inbox_messages m ON m.delivery_id = d.id
        WHERE d.outbox_id > $1 AND d.channel = 'inbox' GROUP BY d.id, d.topic HAVING count(m.id) <> 1`,
      [fromId],
    );
    expect(wrong).toEqual([]);
    const twice = await t.db.sql(
      `SELECT a.delivery_id FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
        WHERE d.outbox_id > $1 AND a.ok GROUP BY 1 HAVING count(*) > 1`,
      [fromId],
    );
    expect(twice).toEqual([]);
    const [{ n }] = await t.db.sql(
      `SELECT count(*)::int AS n FROM notification_deliveries WHERE outbox_id > $1 AND channel = 'inbox'`,
      [fromId],
    );
    return n as number;
  }

  function spawnWorker(extra: Record<string, string> = {}): ChildProcess {
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
          ...extra,
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

  async function killWorker(p: ChildProcess): Promise<void> {
    if (p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }

  const lastOutboxId = async () =>
    String((await t.db.sql(`SELECT coalesce(max(id), 0) AS id FROM outbox`))[0].id);

  const complaint = trademarkComplaintInput;
  const trademarkCase = (tag: string) => trademarkCaseInput(tag, officers);

  it('fails no request while Redis is stopped for 30 s under complaints, transitions and notifications, and delivers everything once afterwards', async () => {
    const from = await lastOutboxId();
    const worker = spawnWorker();
    const results: { what: string; status: number; error?: string; during: boolean }[] = [];
    let down = false;
    let stopped = false;
    const bounded = <T extends { timeout(ms: object): T }>(r: T) =>
      r.timeout({ response: REQUEST_DEADLINE_MS, deadline: REQUEST_DEADLINE_MS });
    const call = async (what: string, req: () => Promise<Response>): Promise<Response | null> => {
      const during = down;
      try {
        const res = await req();
        results.push({ what, status: res.status, during });
        return res;
      } catch (e) {
        results.push({ what, status: 0, error: (e as Error).message, during });
        return null;
      }
    };
    const client = async (k: number) => {
      for (let i = 0; !stopped; i++) {
        const tag = `redis-${run}-${k}-${i}`;
        switch (i % 6) {
          case 0:
            await call('public complaint', () =>
              bounded(
                t.http().post('/api/v1/public/complaints').set('idempotency-key', tag).send(complaint(tag)),
              ),
            );
            break;
          case 1:
            await call('operator intake', () =>
              bounded(
                t.as('operator.zj').post('/api/v1/complaints', { ...complaint(tag), channel: 'phone' }),
              ),
            );
            break;
          case 2: {
            const res = await call('case registration', () =>
              bounded(t.as('officer.zj').post('/api/v1/cases', trademarkCase(tag))),
            );
            if (res?.status === 201)
              await call('case transition', () =>
                bounded(
                  t
                    .as('officer.zj')
                    .post(`/api/v1/cases/${res.body.id}/actions/file`, { version: res.body.version }),
                ),
              );
            break;
          }
          case 3:
            await call('test notification', () =>
              bounded(t.as('admin').post('/api/v1/notifications/test', { users, note: tag })),
            );
            break;
          case 4:
            await call('inbox', () => bounded(t.as('officer2.zj').get('/api/v1/inbox')));
            break;
          default:
            await call('queue page', () => bounded(t.as('admin').get('/api/v1/queues')));
        }
      }
    };
    const clients = [0, 1].map(client);
    try {
      await waitFor(async () => results.length >= 24, 'the load to run');
      await redis.stop();
      down = true;
      // /health answers (promptly) that Redis is down; everything else goes on.
      const health = await bounded(t.http().get('/health'));
      expect(health.status).toBe(503);
      expect(health.body.details.redis.status).toBe('down');
      await new Promise((r) => setTimeout(r, REDIS_OUTAGE_MS));
      down = false;
      await redis.start();
      const after = results.length;
      await waitFor(async () => results.length >= after + 24, 'the load to run after Redis is back');
    } finally {
      stopped = true;
      await Promise.all(clients);
    }
    try {
      expect(results.filter((r) => r.status < 200 || r.status >= 300)).toEqual([]);
      // The outage really was under load: every kind of request ran while Redis was down.
      expect(new Set(results.filter((r) => r.during).map((r) => r.what)).size).toBe(7);
      const inbox = await expectAllDeliveredOnce(from);
      expect(inbox).toBeGreaterThan(0);
    } finally {
      await stopWorker(worker);
    }
  });

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

  it('delivers everything once, and projects the statistics exactly, when the worker is killed mid-batch and restarted', async () => {
    // A backlog waiting for the worker: the statistics of 2,000 cases loaded without the change-log triggers, then
    // logged as changed; and notifications sent all along until the worker is killed.
    const from = await lastOutboxId();
    await generateCases(t.db.url, { cases: 2000, seed: 11, analyze: false });
    await t.db.sql(
      `INSERT INTO stats_changes (kind, id)
       SELECT 'case', id FROM cases UNION ALL SELECT 'complaint', id FROM complaints
       UNION ALL SELECT 'referral', id FROM referrals UNION ALL SELECT 'listing', id FROM credit_listings`,
    );
    const pendingChanges = async () =>
      (await t.db.sql(`SELECT count(*)::int AS n FROM stats_changes`))[0].n as number;
    // Inbox deliveries of every topic (the generated cases bring their own notifications, relayed first).
    const inbox = async () =>
      (
        await t.db.sql(
          `SELECT count(*) FILTER (WHERE status = 'delivered')::int AS delivered,
                  count(*) FILTER (WHERE status <> 'delivered')::int AS waiting
             FROM notification_deliveries WHERE outbox_id > $1 AND channel = 'inbox'`,
          [from],
        )
      )[0] as { delivered: number; waiting: number };

    // Killed in the middle of the deliveries (they keep coming, so some are always in flight)…
    let sent = 0;
    let sending = true;
    const sender = (async () => {
      while (sending) {
        await send(25, `sigkill-${sent}`);
        sent += 25;
      }
    })();
    const first = spawnWorker({ STATS_PROJECT_SECONDS: '1' });
    try {
      await waitFor(async () => (await inbox()).delivered >= 100, 'the worker to be delivering', 60_000);
    } finally {
      await killWorker(first);
      sending = false;
      await sender;
    }
    expect((await inbox()).waiting).toBeGreaterThan(0); // killed with deliveries in flight
    const backlog = await pendingChanges();
    expect(backlog).toBeGreaterThan(0);

    // … and, restarted, in the middle of the statistics projection.
    let seen = backlog;
    const again = spawnWorker({ STATS_PROJECT_SECONDS: '1' });
    try {
      await waitFor(
        async () => {
          seen = await pendingChanges();
          return seen > 0 && seen < backlog;
        },
        'the restarted worker to be projecting the statistics',
        60_000,
      ).catch((e: Error) => {
        throw new Error(`${e.message} (${seen} of ${backlog} changes waiting)`);
      });
    } finally {
      await killWorker(again);
    }
    expect(await pendingChanges()).toBeGreaterThan(0); // killed before the projection was through

    const second = spawnWorker({ STATS_PROJECT_SECONDS: '1' });
    try {
      await expectExactlyOnce(from, sent);
      // Nothing of any topic reached an inbox twice.
      expect(
        await t.db.sql(
          `SELECT d.id FROM notification_deliveries d JOIN inbox_messages m ON m.delivery_id = d.id
            WHERE d.outbox_id > $1 GROUP BY d.id HAVING count(*) > 1`,
          [from],
        ),
      ).toEqual([]);
      await waitFor(async () => (await pendingChanges()) === 0, 'the change log to be drained', 120_000);
    } finally {
      await stopWorker(second);
    }
    // The projected facts and summaries equal what the source says: nothing lost, nothing counted twice.
    const report = await t.app.get(StatsReconciler, { strict: false }).reconcile();
    expect(report).toMatchObject({ factsDrifted: 0, cellsDrifted: 0, sample: [] });
    expect(report.factsChecked).toBeGreaterThanOrEqual(2000);
    const facts = async () =>
      (
        await t.db.sql(
          `SELECT ${['case', 'complaint', 'referral', 'listing']
            .map(
              (k) =>
                `(SELECT md5(string_agg(f::text, '|' ORDER BY f::text)) FROM stats_${k}_facts f) AS ${k}`,
            )
            .join(', ')}`,
        )
      )[0];
    const projected = await facts();
    await t.app.get(StatsProjector, { strict: false }).rebuild();
    expect(await facts()).toEqual(projected);
  });

  it('shares the work between two worker processes, and survives one being killed with SIGKILL', async () => {
    const from = await lastOutboxId();
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
      await killWorker(a);
      await send(200, 'one-left');
      await expectExactlyOnce(from, 400);
    } finally {
      await killWorker(a);
      await stopWorker(b);
    }
  });
});
