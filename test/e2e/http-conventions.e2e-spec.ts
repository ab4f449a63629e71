import { createTestApp, TestApp } from '../support/test-app';

describe('HTTP conventions (e2e)', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = (await t.login('admin')).token;
  });
  afterAll(() => t.close());

  const users = async () => (await t.db.sql(`SELECT count(*)::int AS n FROM users`))[0].n as number;

  it('answers malformed JSON with 400 problem+json and writes nothing', async () => {
    const before = await users();
    const res = await t
      .http()
      .post('/api/v1/users')
      .set('authorization', `Bearer ${token}`)
      .set('content-type', 'application/json')
      .send('{"username": "a",')
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'MALFORMED_BODY', status: 400, type: '/problems/malformed-body' });
    expect(await users()).toBe(before);
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ username: 'a', password: 'x'.repeat(1_100_000) }))
      .expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses unsupported content types with 415', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/refresh')
      .set('content-type', 'application/xml')
      .send('<a/>')
      .expect(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('names unknown fields and wrong types', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: ['a'], admin: true })
      .expect(400);
    expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(
      new Set(['admin', 'refreshToken']),
    );
    expect(
      res.body.errors.some(
        (e: { field: string; code: string }) => e.field === 'admin' && e.code === 'whitelistValidation',
      ),
    ).toBe(true);
  });

  it('gives titles in Chinese by default and in English on request', async () => {
    const zh = await t.http().get('/api/v1/auth/me').expect(401);
    expect(zh.body.title).toBe('请先登录');
    const en = await t.http().get('/api/v1/auth/me').set('accept-language', 'en-US,en;q=0.9').expect(401);
    expect(en.body.title).toBe('Please sign in');
    expect(en.body.titles).toEqual({ 'zh-CN': '请先登录', en: 'Please sign in' });
  });

  it('gives field messages in the caller language', async () => {
    const body = { refreshToken: 5 };
    const zh = await t.http().post('/api/v1/auth/refresh').send(body).expect(400);
    const en = await t
      .http()
      .post('/api/v1/auth/refresh')
      .set('accept-language', 'en')
      .send(body)
      .expect(400);
    const msg = (r: { body: { errors: { code: string; message: string }[] } }) =>
      r.body.errors.find((e) => e.code === 'isString')!.message;
    expect(msg(zh)).toMatch(/^应为文本/);
    expect(msg(en)).toBe('refreshToken must be a string');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await t
      .http()
      .get('/api/v1/no-such-thing')
      .set('authorization', `Bearer ${token}`)
      .expect(404);
    expect(res.body.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('echoes a safe x-request-id, makes one up otherwise, and puts it in problems', async () => {
    const given = await t.http().get('/health').set('x-request-id', 'call-12330-0001').expect(200);
    expect(given.headers['x-request-id']).toBe('call-12330-0001');
    const made = await t.http().get('/api/v1/auth/me').set('x-request-id', 'bad id with spaces').expect(401);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.requestId).toBe(made.headers['x-request-id']);
  });

  it('records the request id in the audit rows the request wrote', async () => {
    await t
      .http()
      .post('/api/v1/auth/login')
      .set('x-request-id', 'req-audit-1')
      .send({ username: 'officer.zj', password: 'Demo@2026' })
      .expect(200);
    const rows = await t.db.sql(`SELECT action FROM audit_events WHERE request_id = 'req-audit-1'`);
    expect(rows).toEqual([{ action: 'auth.login' }]);
  });

  it('sets security headers', async () => {
    const res = await t.http().get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    // Problems and API answers carry them too, not only the health check.
    const problem = await t.http().get('/api/v1/no-such-route');
    expect(problem.headers['x-content-type-options']).toBe('nosniff');
    expect(problem.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers other origins only when CORS_ORIGINS names them', async () => {
    const preflight = (app: TestApp, origin: string) =>
      app
        .http()
        .options('/api/v1/complaints')
        .set('origin', origin)
        .set('access-control-request-method', 'POST');
    const none = await t.http().get('/api/v1/workflows').set('origin', 'https://elsewhere.example');
    expect(none.headers['access-control-allow-origin']).toBeUndefined();
    const cors = await createTestApp({ CORS_ORIGINS: 'https://portal.example' });
    try {
      const ok = await preflight(cors, 'https://portal.example');
      expect(ok.status).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe('https://portal.example');
      const other = await preflight(cors, 'https://elsewhere.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await cors.close();
    }
  });

  it('reports PostgreSQL and Redis in /health', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      info: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('reports the statistics backlog in /health, counted only up to 10,001', async () => {
    const [{ n }] = await t.db.sql(`SELECT count(*)::int AS n FROM stats_changes`);
    const before = await t.http().get('/health').expect(200);
    expect(before.body.info.queues).toMatchObject({ statsPending: n });
    await t.db.sql(
      `INSERT INTO stats_changes (kind, id, at) SELECT 'case', gen_random_uuid(), now() - interval '1 hour'
         FROM generate_series(1, 10005)`,
    );
    try {
      const after = await t.http().get('/health').expect(200);
      expect(after.body.info.queues.statsPending).toBe(10_001);
      expect(after.body.info.queues.statsOldestAgeSeconds).toBeGreaterThanOrEqual(3600);
    } finally {
      await t.db.sql(`DELETE FROM stats_changes WHERE at < now() - interval '59 minutes'`);
    }
  });

  it('publishes the OpenAPI document', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/regions']),
    );
  });
});
