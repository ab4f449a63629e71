import { createTestApp, TestApp } from '../../../../test/support/test-app';

describe('GET /api/v1/audit-events (HTTP)', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.login('admin')).token;
    officer = (await t.login('officer.zj')).token;
  });
  afterAll(() => t?.close());

  const get = (url: string, token = admin) => t.http().get(url).set('authorization', `Bearer ${token}`);

  it('lists audit events for admins, newest first, mapped to the response shape', async () => {
    const res = await get('/api/v1/audit-events?entityType=user&pageSize=2').expect(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    expect(res.body.items).toHaveLength(2);
    const [a, b] = res.body.items;
    expect(Object.keys(a).sort()).toEqual(
      [
        'id',
        'stream',
        'seq',
        'occurredAt',
        'actorId',
        'actorName',
        'action',
        'entityType',
        'entityId',
        'data',
        'requestId',
        'hash',
      ].sort(),
    );
    expect(a).toMatchObject({
      entityType: 'user',
      stream: `user:${a.entityId}`,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(a.occurredAt >= b.occurredAt).toBe(true);
  });

  it('filters by actor and date range (dates are whole days in Asia/Shanghai)', async () => {
    const all = await get('/api/v1/audit-events?pageSize=200').expect(200);
    const someone = all.body.items[0];
    const res = await get(
      `/api/v1/audit-events?actor=${someone.actorName}&from=2000-01-01&to=2999-12-31`,
    ).expect(200);
    expect(res.body.total).toBeGreaterThan(0);
    expect(res.body.items.every((e: { actorName: string }) => e.actorName === someone.actorName)).toBe(true);
    expect((await get('/api/v1/audit-events?to=2000-01-01').expect(200)).body.total).toBe(0);
  });

  it('is for admins only', async () => {
    expect((await get('/api/v1/audit-events', officer).expect(403)).body.code).toBe('FORBIDDEN');
    await get('/api/v1/audit-events/export', officer).expect(403);
    await t.http().get('/api/v1/audit-events').expect(401);
  });

  it.each([
    ['pageSize=500', 'pageSize'],
    ['page=0', 'page'],
    ['from=yesterday', 'from'],
    ['to=2026-02-30', 'to'],
    ['sort=hash', 'sort'],
  ])('rejects ?%s with a 400 naming %s', async (qs, field) => {
    const res = await get(`/api/v1/audit-events?${qs}`).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('exports CSV as an attachment, UTF-8 with a BOM', async () => {
    const res = await get('/api/v1/audit-events/export?entityType=user')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="audit-events-\d{8}T\d{6}Z\.csv"$/,
    );
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'id,occurred_at,actor_id,actor_name,action,entity_type,entity_id,stream,seq,data,request_id,hash',
    );
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes(',user,'))).toBe(true);
  });
});
