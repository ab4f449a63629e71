import { createTestApp, type TestApp } from '../../../../test/support/test-app';

describe('calendar over HTTP', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['admin', 'officer.zj']) tokens[u] = (await t.login(u)).token;
  }, 60_000);
  afterAll(() => t?.close());

  const as = (user: string) => {
    const auth = { authorization: `Bearer ${tokens[user]}` };
    return {
      get: (url: string) => t.http().get(url).set(auth),
      put: (url: string, body: object) => t.http().put(url).set(auth).send(body),
      post: (url: string, body: object) => t.http().post(url).set(auth).send(body),
      delete: (url: string) => t.http().delete(url).set(auth),
    };
  };

  it('shows a year to any signed-in user', async () => {
    await t.http().get('/api/v1/calendar/days?year=2026').expect(401);
    const res = await as('officer.zj').get('/api/v1/calendar/days?year=2026').expect(200);
    expect(res.body).toMatchObject({ year: 2026, covered: true, coveredSource: 'package' });
    expect(res.body.days).toContainEqual({
      date: '2026-10-01',
      kind: 'holiday',
      name: '国庆节',
      source: 'package',
    });
    expect(res.body.days).toContainEqual({
      date: '2026-02-14',
      kind: 'workday',
      name: '春节',
      source: 'package',
    });
    await as('officer.zj').get('/api/v1/calendar/days?year=abc').expect(400);
  });

  it('computes a due date and warns about years without data', async () => {
    const ok = await as('officer.zj').get('/api/v1/calendar/working-days?from=2026-09-30&days=1').expect(200);
    expect(ok.body).toEqual({ due: '2026-10-08', warnings: [] });
    const warned = await as('officer.zj')
      .get('/api/v1/calendar/working-days?from=2026-12-30&days=5')
      .expect(200);
    expect(warned.body).toEqual({
      due: '2027-01-06',
      warnings: [{ code: 'CALENDAR_NO_DATA', years: [2027], message: expect.stringContaining('2027') }],
    });
    await as('officer.zj').get('/api/v1/calendar/working-days?from=2026-13-01&days=1').expect(400);
    await as('officer.zj').get('/api/v1/calendar/working-days?from=2026-09-30&days=-1').expect(400);
  });

  it('lets admins set and delete days, with weekday/weekend checks', async () => {
    await as('officer.zj').put('/api/v1/calendar/days/2026-10-09', { kind: 'holiday' }).expect(403);
    const set = await as('admin')
      .put('/api/v1/calendar/days/2026-10-09', { kind: 'holiday', name: '测试' })
      .expect(200);
    expect(set.body).toEqual({ date: '2026-10-09', kind: 'holiday', name: '测试', source: 'admin' });
    const due = await as('officer.zj')
      .get('/api/v1/calendar/working-days?from=2026-10-08&days=1')
      .expect(200);
    expect(due.body.due).toBe('2026-10-10');

    const friday = await as('admin').put('/api/v1/calendar/days/2026-10-16', { kind: 'workday' }).expect(400);
    expect(friday.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'kind' })],
    });
    await as('admin').put('/api/v1/calendar/days/2026-2-1', { kind: 'holiday' }).expect(400);
    await as('admin')
      .put('/api/v1/calendar/days/2026-10-12', { kind: 'holiday', source: 'package' })
      .expect(400);

    await as('officer.zj').delete('/api/v1/calendar/days/2026-10-09').expect(403);
    await as('admin').delete('/api/v1/calendar/days/2026-10-09').expect(204);
    await as('admin').delete('/api/v1/calendar/days/2026-10-09').expect(404);
  });

  it('lets admins mark a year covered', async () => {
    await as('officer.zj').post('/api/v1/calendar/years/2027/covered', {}).expect(403);
    const res = await as('admin')
      .post('/api/v1/calendar/years/2027/covered', { note: '通知已录入' })
      .expect(200);
    expect(res.body).toEqual({ year: 2027, covered: true, source: 'admin', note: '通知已录入' });
    const year = await as('officer.zj').get('/api/v1/calendar/days?year=2027').expect(200);
    expect(year.body).toMatchObject({ covered: true, coveredSource: 'admin' });
    await as('admin').post('/api/v1/calendar/years/1800/covered', {}).expect(400);
  });
});
