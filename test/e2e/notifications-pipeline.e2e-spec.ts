import type { INestApplicationContext } from '@nestjs/common';
import { startWebhookReceiver } from '../../libs/notifications/src/channels/webhook/webhook-receiver.fixture';
import { createTestApp, TestApp } from '../support/test-app';
import { startWorker, waitFor } from '../support/test-worker';

/** Outbox → relay → deliveries → BullMQ → inbox processor, with the real worker, PostgreSQL and Redis. */
jest.setTimeout(30_000);

describe('notification pipeline (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker({ DATABASE_URL: t.db.url, QUEUE_PREFIX: t.queuePrefix });
    admin = (await t.login('admin')).token;
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  const userId = async (username: string) =>
    (await t.db.sql(`SELECT id FROM users WHERE username = $1`, [username]))[0].id as string;

  it('delivers an admin test notification to the inbox of each named user, once', async () => {
    const [zj, js] = [await userId('officer.zj'), await userId('officer.js')];
    const res = await t
      .http()
      .post('/api/v1/notifications/test')
      .set('authorization', `Bearer ${admin}`)
      .send({ users: [zj, js, zj], note: '请忽略' })
      .expect(202);
    const outboxId = res.body.outboxId as string;
    const messages = await waitFor(async () => {
      const rows = await t.db.sql(
        `SELECT m.user_id, m.title_zh, m.body_zh, d.status, d.attempts FROM inbox_messages m
           JOIN notification_deliveries d ON d.id = m.delivery_id WHERE d.outbox_id = $1 ORDER BY m.user_id`,
        [outboxId],
      );
      return rows.length === 2 ? rows : null;
    }, 'two inbox messages');
    expect(messages.map((m) => m.user_id).sort()).toEqual([zj, js].sort());
    expect(messages[0]).toMatchObject({ title_zh: '测试通知', status: 'delivered', attempts: 1 });
    expect(String(messages[0].body_zh)).toContain('请忽略');
    const [outbox] = await t.db.sql(`SELECT dispatched_at, last_error FROM outbox WHERE id = $1`, [outboxId]);
    expect(outbox.dispatched_at).not.toBeNull();
    expect(outbox.last_error).toBeNull();
    const [attempt] = await t.db.sql(
      `SELECT a.ok FROM notification_attempts a JOIN notification_deliveries d ON d.id = a.delivery_id
        WHERE d.outbox_id = $1 LIMIT 1`,
      [outboxId],
    );
    expect(attempt.ok).toBe(true);
    const audit = await t.db.sql(`SELECT action FROM audit_events WHERE entity_id = $1`, [outboxId]);
    expect(audit).toEqual([{ action: 'notification.test_sent' }]);
  });

  it('follows a user’s channel choice (muted: no delivery)', async () => {
    const zj = await userId('officer.zj');
    await t.db.sql(
      `INSERT INTO notification_preferences (user_id, topic, channels) VALUES ($1, 'notification.test', '{}')`,
      [zj],
    );
    const res = await t
      .http()
      .post('/api/v1/notifications/test')
      .set('authorization', `Bearer ${admin}`)
      .send({ users: [zj] });
    await waitFor(
      async () =>
        (await t.db.sql(`SELECT dispatched_at FROM outbox WHERE id = $1`, [res.body.outboxId]))[0]
          .dispatched_at,
      'the row to be relayed',
    );
    expect(
      await t.db.sql(`SELECT id FROM notification_deliveries WHERE outbox_id = $1`, [res.body.outboxId]),
    ).toEqual([]);
    await t.db.sql(`DELETE FROM notification_preferences WHERE user_id = $1`, [zj]);
  });

  it('records rows it cannot route instead of losing or retrying them forever', async () => {
    const [row] = await t.db.sql(
      `INSERT INTO outbox (topic, payload) VALUES ('no.such.topic', '{}'), ('notification.test', '{"to": {}}') RETURNING id`,
    );
    const done = await waitFor(async () => {
      const rows = await t.db.sql(
        `SELECT topic, dispatched_at, last_error FROM outbox WHERE id >= $1 ORDER BY id`,
        [row.id],
      );
      return rows.every((r) => r.dispatched_at) ? rows : null;
    }, 'both rows relayed');
    expect(done[0].last_error).toMatch(/unknown topic/);
    expect(done[1].last_error).toMatch(/title/);
  });

  it('refuses a test notification without recipients, and non-admins', async () => {
    const bad = await t
      .http()
      .post('/api/v1/notifications/test')
      .set('authorization', `Bearer ${admin}`)
      .send({})
      .expect(400);
    expect(bad.body.errors[0].field).toBe('to');
    const officer = (await t.login('officer.zj')).token;
    await t
      .http()
      .post('/api/v1/notifications/test')
      .set('authorization', `Bearer ${officer}`)
      .send({ users: [] })
      .expect(403);
  });

  it('shows the pipeline in /health and on the queue page', async () => {
    const health = await t.http().get('/health').expect(200);
    expect(health.body.info.queues).toMatchObject({ status: 'up', outboxPending: expect.any(Number) });
    expect(Object.keys(health.body.info.queues.depth)).toEqual(
      expect.arrayContaining(['notify-inbox', 'notify-email', 'notify-webhook', 'notify-sms']),
    );
    const page = await t.http().get('/api/v1/queues').set('authorization', `Bearer ${admin}`).expect(200);
    const inbox = page.body.queues.find((q: { name: string }) => q.name === 'notify-inbox');
    expect(inbox.completed).toBeGreaterThanOrEqual(1); // inbox deliveries travel in batches
  });

  it('sends a webhook refused with 4xx to the dead letters; an admin fixes the endpoint and retries it', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const created = await t
        .http()
        .post('/api/v1/webhooks')
        .set('authorization', `Bearer ${admin}`)
        .send({ name: '电商平台 A', url: receiver.url('/bad'), topics: ['notification.test'] })
        .expect(201);
      const zj = await userId('officer.zj');
      const sendTest = async () =>
        (
          await t
            .http()
            .post('/api/v1/notifications/test')
            .set('authorization', `Bearer ${admin}`)
            .send({ users: [zj] })
            .expect(202)
        ).body.outboxId as string;
      const deadFor = (outboxId: string) =>
        waitFor(async () => {
          const [d] = await t.db.sql(
            `SELECT id::text, status, attempts, last_error FROM notification_deliveries WHERE outbox_id = $1 AND channel = 'webhook'`,
            [outboxId],
          );
          return d?.status === 'dead' ? d : null;
        }, 'a dead webhook delivery');

      const first = await deadFor(await sendTest());
      expect(first.attempts).toBe(1); // 4xx: no retries
      expect(String(first.last_error)).toMatch(/400/);
      const list = await t
        .http()
        .get('/api/v1/dead-letters?channel=webhook')
        .set('authorization', `Bearer ${admin}`)
        .expect(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(first.id);
      const detail = await t
        .http()
        .get(`/api/v1/dead-letters/${first.id}`)
        .set('authorization', `Bearer ${admin}`)
        .expect(200);
      expect(detail.body.attemptLog).toHaveLength(1);
      expect(detail.body.attemptLog[0].ok).toBe(false);

      await t
        .http()
        .patch(`/api/v1/webhooks/${created.body.id}`)
        .set('authorization', `Bearer ${admin}`)
        .send({ url: receiver.url('/ok'), version: created.body.version })
        .expect(200);
      await t
        .http()
        .post(`/api/v1/dead-letters/${first.id}/retry`)
        .set('authorization', `Bearer ${admin}`)
        .expect(200);
      await waitFor(
        async () =>
          (await t.db.sql(`SELECT status FROM notification_deliveries WHERE id = $1`, [first.id]))[0]
            .status === 'delivered',
        'the retried delivery',
      );
      const okCalls = receiver.received.filter((r) => r.path === '/ok');
      expect(okCalls).toHaveLength(1);
      expect(okCalls[0].headers['idempotency-key']).toBe(first.id);
      // retrying something that is not dead is refused
      const again = await t
        .http()
        .post(`/api/v1/dead-letters/${first.id}/retry`)
        .set('authorization', `Bearer ${admin}`);
      expect([again.status, again.body.code, again.body.detail]).toEqual([
        409,
        'INVALID_TRANSITION',
        expect.any(String),
      ]);

      // a second failure is discarded instead
      await t
        .http()
        .patch(`/api/v1/webhooks/${created.body.id}`)
        .set('authorization', `Bearer ${admin}`)
        .send({ url: receiver.url('/bad'), version: created.body.version + 1 })
        .expect(200);
      const second = await deadFor(await sendTest());
      await t
        .http()
        .post(`/api/v1/dead-letters/${second.id}/discard`)
        .set('authorization', `Bearer ${admin}`)
        .expect(200);
      const [row] = await t.db.sql(`SELECT status FROM notification_deliveries WHERE id = $1`, [second.id]);
      expect(row.status).toBe('discarded');
      const audit = await t.db.sql(
        `SELECT action FROM audit_events WHERE entity_type = 'notification_delivery' AND entity_id IN ($1, $2) ORDER BY id`,
        [first.id, second.id],
      );
      expect(audit.map((a) => a.action)).toEqual([
        'notification.dead_letter.retried',
        'notification.dead_letter.discarded',
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('delivers in-app messages in a batch, sending a delivery whose user left to the dead letters alone', async () => {
    const [zj, js] = [await userId('officer.zj'), await userId('operator.js')];
    const payload = JSON.stringify({ to: {}, title: { zh: '批量', en: 'Batch' }, body: { zh: '', en: '' } });
    const [{ id: outboxId }] = await t.db.sql(
      `INSERT INTO outbox (topic, payload, dispatched_at) VALUES ('notification.test', $1, now()) RETURNING id::text`,
      [payload],
    );
    await t.db.sql(`UPDATE users SET active = false WHERE id = $1`, [js]);
    try {
      // deliveries as the router would have made them before the user was deactivated
      await t.db.sql(
        `INSERT INTO notification_deliveries (outbox_id, topic, channel, recipient)
         VALUES ($1, 'notification.test', 'inbox', 'user:' || $2), ($1, 'notification.test', 'inbox', 'user:' || $3)`,
        [outboxId, zj, js],
      );
      const rows = await waitFor(async () => {
        const r = await t.db.sql(
          `SELECT recipient, status, last_error FROM notification_deliveries WHERE outbox_id = $1 ORDER BY recipient`,
          [outboxId],
        );
        return r.every((d) => d.status !== 'pending') ? r : null;
      }, 'both deliveries settled');
      const byUser = Object.fromEntries(rows.map((r) => [String(r.recipient).slice(5), r]));
      expect(byUser[zj]).toMatchObject({ status: 'delivered', last_error: null });
      expect(byUser[js]).toMatchObject({ status: 'dead', last_error: expect.stringMatching(/not active/) });
      const messages = await t.db.sql(
        `SELECT m.user_id FROM inbox_messages m JOIN notification_deliveries d ON d.id = m.delivery_id WHERE d.outbox_id = $1`,
        [outboxId],
      );
      expect(messages).toEqual([{ user_id: zj }]);
    } finally {
      await t.db.sql(`UPDATE users SET active = true WHERE id = $1`, [js]);
    }
  });
});
