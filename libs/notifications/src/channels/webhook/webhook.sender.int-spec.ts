import { AuditModule } from '@app/audit';
import { ConfigModule } from '@app/config';
import { SYSTEM_ACTOR, type TopicName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { Test, type TestingModule } from '@nestjs/testing';
import { WebhookEndpointService } from '../../webhooks/webhook-endpoint.service';
import { WebhooksModule } from '../../webhooks/webhooks.module';
import { PermanentDeliveryError, type DeliveryContext } from '../channel-sender';
import { startWebhookReceiver, unusedLocalUrl } from './webhook-receiver.fixture';
import { verifyWebhookSignature } from './webhook-signature';
import { WebhookSender } from './webhook.sender';
import { WebhookSettings } from './webhook.settings';

const TIMEOUT_MS = 500;

async function errorOf(p: Promise<unknown>): Promise<Error> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof Error)) throw new Error('expected the send to fail, but it succeeded');
  return e;
}

describe('WebhookSender against a real HTTP receiver', () => {
  let db: TestDatabase;
  let app: TestingModule;
  let sender: WebhookSender;
  let endpoints: WebhookEndpointService;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let outboxId: string;
  let seq = 0;

  /** A delivery to a new endpoint at `url` (subscribed to deadline topics) and the endpoint's secret. */
  async function deliveryTo(url: string, topic: TopicName = 'deadline.overdue') {
    const endpoint = await endpoints.create(SYSTEM_ACTOR, {
      name: `partner ${++seq}`,
      url,
      topics: ['deadline.overdue', 'deadline.escalated'],
    });
    const delivery: DeliveryContext = {
      deliveryId: String(5000 + seq),
      outboxId,
      topic,
      channel: 'webhook',
      recipient: `webhook:${endpoint.id}`,
      attempt: 1,
      requestId: null,
      payload: {
        to: {},
        title: { zh: '案件已超期', en: 'Case overdue' },
        body: { zh: '浙杭知执〔2026〕12号 已超期。', en: 'Case 12 is overdue.' },
        link: '/cases/12',
        data: { caseId: 'c-12', dueAt: '2026-03-05T09:30:00.000Z' },
      },
    };
    return { delivery, endpoint };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }),
        DatabaseModule,
        AuditModule,
        WebhooksModule,
      ],
    })
      .overrideProvider(WebhookSettings)
      .useValue(Object.assign(new WebhookSettings(), { timeoutMs: TIMEOUT_MS }))
      .compile();
    app.useLogger(false);
    await app.init();
    sender = app.get(WebhookSender);
    endpoints = app.get(WebhookEndpointService);
    receiver = await startWebhookReceiver();
    const [row] = await db.sql(
      `INSERT INTO outbox (topic, payload, created_at) VALUES ('deadline.overdue', '{}', '2026-03-06T01:02:03.456Z')
       RETURNING id::text AS id`,
    );
    outboxId = String(row.id);
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
    await app?.close();
    await db?.drop();
  });

  it('POSTs a signed JSON event that the published helper verifies', async () => {
    const { delivery, endpoint } = await deliveryTo(receiver.url('/ok'));
    const before = receiver.received.length;
    await sender.send(delivery);

    const got = receiver.received.slice(before);
    expect(got).toHaveLength(1);
    const [req] = got;
    expect(req.path).toBe('/ok');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['user-agent']).toBe('ipe-webhooks/1');
    expect(req.headers['idempotency-key']).toBe(delivery.deliveryId);
    const timestamp = String(req.headers['x-ipe-timestamp']);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(10);
    expect(req.headers['x-ipe-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

    expect(JSON.parse(req.body)).toEqual({
      id: delivery.deliveryId,
      topic: 'deadline.overdue',
      occurredAt: '2026-03-06T01:02:03.456Z',
      data: {
        title: { zh: '案件已超期', en: 'Case overdue' },
        body: { zh: '浙杭知执〔2026〕12号 已超期。', en: 'Case 12 is overdue.' },
        link: '/cases/12',
        data: { caseId: 'c-12', dueAt: '2026-03-05T09:30:00.000Z' },
      },
    });

    const signature = String(req.headers['x-ipe-signature']);
    expect(verifyWebhookSignature(endpoint.secret, timestamp, req.body, signature)).toBe(true);
    // a changed body, another secret, an old timestamp or a changed timestamp do not verify
    expect(verifyWebhookSignature(endpoint.secret, timestamp, req.body + ' ', signature)).toBe(false);
    expect(verifyWebhookSignature('f'.repeat(64), timestamp, req.body, signature)).toBe(false);
    expect(
      verifyWebhookSignature(
        endpoint.secret,
        timestamp,
        req.body,
        signature,
        300,
        new Date(Date.now() + 600_000),
      ),
    ).toBe(false);
    expect(verifyWebhookSignature(endpoint.secret, String(Number(timestamp) - 1), req.body, signature)).toBe(
      false,
    );
    // several signatures in the header (rotation on the partner's side): one valid is enough
    expect(verifyWebhookSignature(endpoint.secret, timestamp, req.body, `sha256=00, ${signature}`)).toBe(
      true,
    );
    expect(verifyWebhookSignature(endpoint.secret, timestamp, req.body, undefined)).toBe(false);
    expect(verifyWebhookSignature(endpoint.secret, 'abc', req.body, signature)).toBe(false);
  });

  it('sends the same id and idempotency key when a delivery is retried', async () => {
    const { delivery } = await deliveryTo(receiver.url('/ok'));
    const before = receiver.received.length;
    await sender.send(delivery);
    await sender.send({ ...delivery, attempt: 2 });
    const got = receiver.received.slice(before);
    expect(got.map((r) => r.headers['idempotency-key'])).toEqual([delivery.deliveryId, delivery.deliveryId]);
    expect(got.map((r) => (JSON.parse(r.body) as { id: string }).id)).toEqual([
      delivery.deliveryId,
      delivery.deliveryId,
    ]);
  });

  it('retries 5xx, 408 and 429', async () => {
    for (const path of ['/fail', '/status/503', '/status/408', '/status/429']) {
      const { delivery } = await deliveryTo(receiver.url(path));
      const e = await errorOf(sender.send(delivery));
      expect(e).not.toBeInstanceOf(PermanentDeliveryError);
      expect(e.message).toContain(`HTTP ${path === '/fail' ? 500 : path.slice(-3)}`);
    }
  });

  it('sends 4xx straight to dead letters, with the status and the start of the body', async () => {
    const { delivery } = await deliveryTo(receiver.url('/bad'));
    const e = await errorOf(sender.send(delivery));
    expect(e).toBeInstanceOf(PermanentDeliveryError);
    expect(e.message).toBe(`${receiver.url('/bad')}: HTTP 400: ${'x'.repeat(500)}`);

    for (const path of ['/status/401', '/status/404', '/status/410', '/status/422']) {
      const d = await deliveryTo(receiver.url(path));
      expect(await errorOf(sender.send(d.delivery))).toBeInstanceOf(PermanentDeliveryError);
    }
  });

  it('retries a receiver slower than the timeout', async () => {
    const { delivery } = await deliveryTo(receiver.url('/slow'));
    const started = Date.now();
    const e = await errorOf(sender.send(delivery));
    expect(e).not.toBeInstanceOf(PermanentDeliveryError);
    expect(e.message).toContain(`timed out after ${TIMEOUT_MS} ms`);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
  });

  it('retries an answer that is not HTTP, and a refused connection', async () => {
    const garbage = await deliveryTo(receiver.garbageUrl);
    const e1 = await errorOf(sender.send(garbage.delivery));
    expect(e1).not.toBeInstanceOf(PermanentDeliveryError);
    expect(e1.message).toMatch(/fetch failed/);

    const refused = await deliveryTo(await unusedLocalUrl());
    const e2 = await errorOf(sender.send(refused.delivery));
    expect(e2).not.toBeInstanceOf(PermanentDeliveryError);
    expect(e2.message).toMatch(/ECONNREFUSED/);
  });

  it('never follows redirects: 302 is retried, 301 is permanent', async () => {
    const before = receiver.received.length;
    const found = await deliveryTo(receiver.url('/redirect'));
    const e1 = await errorOf(sender.send(found.delivery));
    expect(e1).not.toBeInstanceOf(PermanentDeliveryError);
    expect(e1.message).toMatch(/HTTP 302: redirect to \/ok not followed/);

    const moved = await deliveryTo(receiver.url('/moved'));
    expect(await errorOf(sender.send(moved.delivery))).toBeInstanceOf(PermanentDeliveryError);
    // the redirect target was never called
    expect(receiver.received.slice(before).map((r) => r.path)).toEqual(['/redirect', '/moved']);
  });

  it('refuses missing, deactivated and unsubscribed endpoints without calling them', async () => {
    const before = receiver.received.length;
    const { delivery, endpoint } = await deliveryTo(receiver.url('/ok'));

    const unsubscribed = await errorOf(sender.send({ ...delivery, topic: 'deadline.due_soon' }));
    expect(unsubscribed).toBeInstanceOf(PermanentDeliveryError);
    expect(unsubscribed.message).toMatch(/no longer subscribed to deadline\.due_soon/);

    await endpoints.remove(SYSTEM_ACTOR, endpoint.id);
    const inactive = await errorOf(sender.send(delivery));
    expect(inactive).toBeInstanceOf(PermanentDeliveryError);
    expect(inactive.message).toMatch(/is deactivated/);

    const missing = await errorOf(
      sender.send({ ...delivery, recipient: 'webhook:33333333-3333-4333-8333-333333333333' }),
    );
    expect(missing).toBeInstanceOf(PermanentDeliveryError);
    expect(missing.message).toMatch(/does not exist/);

    for (const recipient of ['webhook:not-a-uuid', 'email:a@b.cn']) {
      expect(await errorOf(sender.send({ ...delivery, recipient }))).toBeInstanceOf(PermanentDeliveryError);
    }
    expect(receiver.received.length).toBe(before);
  });
});
