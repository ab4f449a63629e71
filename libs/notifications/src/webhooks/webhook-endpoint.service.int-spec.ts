import type { Actor } from '@app/contracts';
import { DomainError } from '@app/domain';
import { createTestModule, type TestDatabase } from '@app/testing';
import type { TestingModule } from '@nestjs/testing';
import { startWebhookReceiver, unusedLocalUrl } from '../channels/webhook/webhook-receiver.fixture';
import { verifyWebhookSignature } from '../channels/webhook/webhook-signature';
import { toWebhookEndpointResponse, toWebhookEndpointWithSecretResponse } from './dto/webhook-endpoint.dto';
import { WebhookEndpointService } from './webhook-endpoint.service';
import { WebhooksModule } from './webhooks.module';

const admin: Actor = {
  id: '11111111-1111-4111-8111-111111111111',
  username: 'admin.test',
  displayName: '测试管理员',
  roles: ['admin'],
  officeId: '22222222-2222-4222-8222-222222222222',
  regionCode: '000000',
};

/** The DomainError a promise rejects with (fails the test if it resolves or throws something else). */
async function domainErrorOf(p: Promise<unknown>): Promise<DomainError> {
  const e: unknown = await p.then(
    () => new Error('expected a DomainError, but the call succeeded'),
    (err: unknown) => err,
  );
  if (!(e instanceof DomainError)) throw e;
  return e;
}

describe('WebhookEndpointService', () => {
  let db: TestDatabase;
  let close: () => Promise<void>;
  let app: TestingModule;
  let service: WebhookEndpointService;

  beforeAll(async () => {
    ({ db, module: app, close } = await createTestModule({ imports: [WebhooksModule] }));
    service = app.get(WebhookEndpointService);
  }, 60_000);

  afterAll(async () => {
    await close?.();
  });

  const auditOf = (id: string) =>
    db.sql(`SELECT action, data, actor_name FROM audit_events WHERE stream = $1 ORDER BY seq`, [
      `webhook:${id}`,
    ]);

  it('creates an endpoint with a 32-byte secret, audited without the secret', async () => {
    const created = await service.create(admin, {
      name: '  电商平台协同接口 ',
      url: ' HTTPS://Partner.Example.cn/ipe/hook#frag ',
      topics: ['deadline.overdue', 'deadline.due_soon', 'deadline.overdue'],
    });
    expect(created).toMatchObject({
      name: '电商平台协同接口',
      url: 'https://partner.example.cn/ipe/hook',
      // registry order, duplicates dropped
      topics: ['deadline.due_soon', 'deadline.overdue'],
      active: true,
      version: 1,
    });
    expect(created.secret).toMatch(/^[0-9a-f]{64}$/);

    const events = await auditOf(created.id);
    expect(events).toEqual([
      {
        action: 'webhook.created',
        actor_name: 'admin.test',
        data: {
          name: '电商平台协同接口',
          url: 'https://partner.example.cn/ipe/hook',
          topics: ['deadline.due_soon', 'deadline.overdue'],
          active: true,
        },
      },
    ]);
    expect(JSON.stringify(await db.sql(`SELECT data FROM audit_events`))).not.toContain(created.secret);

    // responses: the secret only where it is meant to be shown
    expect(toWebhookEndpointResponse(created)).not.toHaveProperty('secret');
    expect(toWebhookEndpointWithSecretResponse(created).secret).toBe(created.secret);
    const other = await service.create(admin, {
      name: 'b',
      url: 'http://127.0.0.1:9/x',
      topics: ['deadline.overdue'],
    });
    expect(other.secret).not.toBe(created.secret);
  });

  it('refuses bad URLs and unknown topics, naming them', async () => {
    const base = { name: 'x', url: 'https://partner.example.cn/hook', topics: ['deadline.overdue'] };
    for (const url of [
      'ftp://partner.example.cn/x',
      'partner.example.cn/hook',
      'https://',
      'javascript:alert(1)',
      '',
    ]) {
      const e = await domainErrorOf(service.create(admin, { ...base, url }));
      expect(e.code).toBe('VALIDATION_FAILED');
      expect(e.details?.errors).toEqual([expect.objectContaining({ field: 'url' })]);
    }
    const creds = await domainErrorOf(
      service.create(admin, { ...base, url: 'https://u:p@partner.example.cn/' }),
    );
    expect(creds.message).toMatch(/credentials/);

    const topic = await domainErrorOf(
      service.create(admin, { ...base, topics: ['deadline.overdue', 'case.exploded', 'nope'] }),
    );
    expect(topic.code).toBe('VALIDATION_FAILED');
    expect(topic.message).toBe('Unknown topic(s): case.exploded, nope');
    expect(topic.details?.errors).toEqual([
      expect.objectContaining({ field: 'topics', message: expect.stringContaining('case.exploded') }),
    ]);
    expect((await domainErrorOf(service.create(admin, { ...base, topics: [] }))).code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await domainErrorOf(service.create(admin, { ...base, name: '  ' }))).code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('updates with optimistic locking and audits the diff', async () => {
    const e = await service.create(admin, {
      name: 'upd',
      url: 'https://a.example.cn/',
      topics: ['deadline.overdue'],
    });
    const updated = await service.update(admin, e.id, {
      version: 1,
      topics: ['deadline.escalated', 'deadline.overdue'],
      url: 'https://b.example.cn/hook',
    });
    expect(updated).toMatchObject({
      version: 2,
      url: 'https://b.example.cn/hook',
      topics: ['deadline.overdue', 'deadline.escalated'],
      name: 'upd',
      secret: e.secret,
    });
    const stale = await domainErrorOf(service.update(admin, e.id, { version: 1, name: 'late' }));
    expect(stale.code).toBe('STALE_VERSION');
    expect(stale.details).toMatchObject({ currentVersion: 2 });

    // nothing changed: no new version, no audit event
    expect((await service.update(admin, e.id, { version: 2, name: 'upd' })).version).toBe(2);
    const bad = await domainErrorOf(service.update(admin, e.id, { version: 2, topics: ['x.y'] }));
    expect(bad.code).toBe('VALIDATION_FAILED');

    expect((await auditOf(e.id)).map((r) => r.action)).toEqual(['webhook.created', 'webhook.updated']);
    expect((await auditOf(e.id))[1].data).toEqual({
      url: { from: 'https://a.example.cn/', to: 'https://b.example.cn/hook' },
      topics: { from: ['deadline.overdue'], to: ['deadline.overdue', 'deadline.escalated'] },
    });
    expect((await domainErrorOf(service.get('33333333-3333-4333-8333-333333333333'))).code).toBe('NOT_FOUND');
    expect((await domainErrorOf(service.get('nope'))).code).toBe('NOT_FOUND');
  });

  it('rotates the secret (audited without it) and deactivates idempotently', async () => {
    const e = await service.create(admin, {
      name: 'rot',
      url: 'https://r.example.cn/',
      topics: ['deadline.overdue'],
    });
    const rotated = await service.rotateSecret(admin, e.id);
    expect(rotated.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(rotated.secret).not.toBe(e.secret);
    expect(rotated.version).toBe(2);

    await service.remove(admin, e.id);
    await service.remove(admin, e.id);
    const removed = await service.get(e.id);
    expect(removed).toMatchObject({ active: false, version: 3 });

    const events = await auditOf(e.id);
    expect(events.map((r) => r.action)).toEqual([
      'webhook.created',
      'webhook.secret_rotated',
      'webhook.deactivated',
    ]);
    expect(JSON.stringify(events)).not.toContain(rotated.secret);

    // reactivated through update
    expect((await service.update(admin, e.id, { version: 3, active: true })).active).toBe(true);
    expect((await domainErrorOf(service.remove(admin, '33333333-3333-4333-8333-333333333333'))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('lists with filters and finds the active subscribers of a topic', async () => {
    const a = await service.create(admin, {
      name: 'sub-a',
      url: 'https://a.example.cn/',
      topics: ['deadline.escalated'],
    });
    const b = await service.create(admin, {
      name: 'sub-b',
      url: 'https://b.example.cn/',
      topics: ['deadline.escalated', 'notification.test'],
    });
    const c = await service.create(admin, {
      name: 'sub-c',
      url: 'https://c.example.cn/',
      topics: ['deadline.escalated'],
    });
    await service.remove(admin, c.id);

    const subscribers = await service.subscribersOf('deadline.escalated');
    const ids = subscribers.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(c.id);
    expect((await service.subscribersOf('notification.test')).map((s) => s.id)).toContain(b.id);

    const page = await service.list({ topic: 'notification.test', active: true, pageSize: 50 });
    expect(page).toMatchObject({ page: 1, pageSize: 50 });
    expect(page.items.map((i) => i.name)).toContain('sub-b');
    expect(page.items.every((i) => i.active && i.topics.includes('notification.test'))).toBe(true);
    const inactive = await service.list({ active: false, pageSize: 200 });
    expect(inactive.items.map((i) => i.id)).toContain(c.id);
    const all = await service.list({ page: 1, pageSize: 2 });
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThanOrEqual(5);
    expect((await domainErrorOf(service.list({ topic: 'x' }))).code).toBe('VALIDATION_FAILED');
    expect((await domainErrorOf(service.list({ pageSize: 201 }))).code).toBe('VALIDATION_FAILED');
  });

  it('sends a signed test event and reports the answer', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const ok = await service.create(admin, {
        name: 'ping',
        url: receiver.url('/ok'),
        topics: ['deadline.overdue'],
      });
      const result = await service.sendTest(ok.id);
      expect(result).toMatchObject({ ok: true, status: 200, permanent: false });
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
      const [req] = receiver.received;
      const body = JSON.parse(req.body) as { id: string; topic: string; data: { data: unknown } };
      expect(body.topic).toBe('notification.test');
      expect(body.id).toMatch(/^test-/);
      expect(req.headers['idempotency-key']).toBe(body.id);
      expect(body.data.data).toEqual({ endpointId: ok.id });
      expect(
        verifyWebhookSignature(
          ok.secret,
          String(req.headers['x-ipe-timestamp']),
          req.body,
          String(req.headers['x-ipe-signature']),
        ),
      ).toBe(true);

      const failing = await service.create(admin, {
        name: 'f',
        url: receiver.url('/fail'),
        topics: ['deadline.overdue'],
      });
      expect(await service.sendTest(failing.id)).toMatchObject({
        ok: false,
        status: 500,
        error: 'HTTP 500: internal error',
      });
      const down = await service.create(admin, {
        name: 'd',
        url: await unusedLocalUrl(),
        topics: ['deadline.overdue'],
      });
      const downResult = await service.sendTest(down.id);
      expect(downResult).toMatchObject({ ok: false, status: null });
      expect(downResult.error).toMatch(/ECONNREFUSED/);
      // nothing was written by the tests
      expect((await auditOf(ok.id)).map((r) => r.action)).toEqual(['webhook.created']);
    } finally {
      await receiver.close();
    }
  });
});
