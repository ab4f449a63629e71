import { verifyWebhookSignature } from '@app/notifications';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';

describe('/webhooks over HTTP', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let receiver: Server;
  let receiverUrl: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['admin', 'officer.zj']) tokens[u] = (await t.login(u)).token;
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(req.url === '/ok' ? 204 : 503).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    await t?.close();
  });

  const as = (user: string) => {
    const auth = { authorization: `Bearer ${tokens[user]}` };
    return {
      get: (url: string) => t.http().get(url).set(auth),
      post: (url: string, body?: object) => t.http().post(url).set(auth).send(body),
      patch: (url: string, body: object) => t.http().patch(url).set(auth).send(body),
      delete: (url: string) => t.http().delete(url).set(auth),
    };
  };

  it('is for admins only', async () => {
    await t.http().get('/api/v1/webhooks').expect(401);
    await as('officer.zj').get('/api/v1/webhooks').expect(403);
    await as('officer.zj')
      .post('/api/v1/webhooks', { name: 'x', url: 'https://a.example.cn/', topics: ['deadline.overdue'] })
      .expect(403);
  });

  it('creates, reads, updates, rotates, tests and deactivates an endpoint', async () => {
    const body = { name: '电商平台协同接口', url: `${receiverUrl}/ok`, topics: ['deadline.overdue'] };
    const created = await as('admin').post('/api/v1/webhooks', body).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      name: '电商平台协同接口',
      url: `${receiverUrl}/ok`,
      topics: ['deadline.overdue'],
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      version: 1,
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const url = `/api/v1/webhooks/${created.body.id}`;

    // the secret is shown once: never in reads
    const read = await as('admin').get(url).expect(200);
    expect(read.body).not.toHaveProperty('secret');
    const list = await as('admin').get('/api/v1/webhooks?topic=deadline.overdue&active=true').expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(list.body.items[0]).not.toHaveProperty('secret');
    expect(list.body.items[0].id).toBe(created.body.id);

    const test = await as('admin').post(`${url}/test`).expect(200);
    expect(test.body).toEqual({ status: 204, ok: true, durationMs: expect.any(Number) });
    const [ping] = received;
    expect(
      verifyWebhookSignature(
        created.body.secret as string,
        String(ping.headers['x-ipe-timestamp']),
        ping.body,
        String(ping.headers['x-ipe-signature']),
      ),
    ).toBe(true);

    const rotated = await as('admin').post(`${url}/rotate-secret`).expect(200);
    expect(rotated.body.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.version).toBe(2);

    const updated = await as('admin')
      .patch(url, {
        version: 2,
        url: `${receiverUrl}/down`,
        topics: ['deadline.overdue', 'deadline.escalated'],
      })
      .expect(200);
    expect(updated.body).toMatchObject({ version: 3, topics: ['deadline.overdue', 'deadline.escalated'] });
    expect(updated.body).not.toHaveProperty('secret');
    const stale = await as('admin').patch(url, { version: 2, name: 'late' }).expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');

    const failing = await as('admin').post(`${url}/test`).expect(200);
    expect(failing.body).toMatchObject({ status: 503, ok: false, error: 'HTTP 503' });

    await as('admin').delete(url).expect(204);
    await as('admin').delete(url).expect(204);
    expect((await as('admin').get(url).expect(200)).body).toMatchObject({ active: false, version: 4 });

    const audit = await t.db.sql(`SELECT action FROM audit_events WHERE stream = $1 ORDER BY seq`, [
      `webhook:${created.body.id}`,
    ]);
    expect(audit.map((r) => r.action)).toEqual([
      'webhook.created',
      'webhook.secret_rotated',
      'webhook.updated',
      'webhook.deactivated',
    ]);
  });

  it('answers 400 naming the field for bad input, 404 for unknown ids', async () => {
    const ok = { name: 'x', url: 'https://a.example.cn/', topics: ['deadline.overdue'] };
    const topic = await as('admin')
      .post('/api/v1/webhooks', { ...ok, topics: ['deadline.overdue', 'case.exploded'] })
      .expect(400);
    expect(topic.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        expect.objectContaining({ field: 'topics', message: expect.stringContaining('case.exploded') }),
      ],
    });
    const badUrl = await as('admin')
      .post('/api/v1/webhooks', { ...ok, url: 'ftp://a.example.cn/' })
      .expect(400);
    expect(badUrl.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
    await as('admin')
      .post('/api/v1/webhooks', { ...ok, topics: [] })
      .expect(400);
    await as('admin')
      .post('/api/v1/webhooks', { ...ok, secret: 'mine' })
      .expect(400);
    await as('admin').post('/api/v1/webhooks', { name: 'x' }).expect(400);
    await as('admin').get('/api/v1/webhooks?active=maybe').expect(400);
    await as('admin').get('/api/v1/webhooks/not-a-uuid').expect(400);
    await as('admin').get('/api/v1/webhooks/33333333-3333-4333-8333-333333333333').expect(404);
    await as('admin').post('/api/v1/webhooks/33333333-3333-4333-8333-333333333333/test').expect(404);
    await as('admin')
      .patch('/api/v1/webhooks/33333333-3333-4333-8333-333333333333', { version: 1 })
      .expect(404);
  });
});
