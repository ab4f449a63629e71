import { createTestApp, TestApp } from '../support/test-app';

describe('users, roles and region scope (e2e)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['admin', 'officer.zj', 'supervisor.zj', 'supervisor.js', 'operator.zj'])
      tokens[u] = (await t.login(u)).token;
  });
  afterAll(() => t.close());

  const as = (user: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', `Bearer ${tokens[user]}`),
    post: (url: string, body: object) =>
      t.http().post(url).set('authorization', `Bearer ${tokens[user]}`).send(body),
    patch: (url: string, body: object) =>
      t.http().patch(url).set('authorization', `Bearer ${tokens[user]}`).send(body),
  });
  const userId = async (username: string) =>
    (await t.db.sql(`SELECT id FROM users WHERE username = $1`, [username]))[0].id as string;
  const officeId = async (name: string) =>
    (await t.db.sql(`SELECT id FROM offices WHERE name = $1`, [name]))[0].id as string;
  const count = async () => (await t.db.sql(`SELECT count(*)::int AS n FROM users`))[0].n as number;

  describe('role guard', () => {
    it('keeps officers and operators out of user management', async () => {
      expect((await as('officer.zj').get('/api/v1/users').expect(403)).body.code).toBe('FORBIDDEN');
      expect((await as('operator.zj').get('/api/v1/users').expect(403)).body.code).toBe('FORBIDDEN');
    });
    it('lets supervisors read but not write', async () => {
      await as('supervisor.zj').get('/api/v1/users').expect(200);
      const res = await as('supervisor.zj').post('/api/v1/users', { username: 'x' }).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });
  });

  describe('region scope across two provinces', () => {
    it('shows a supervisor only the accounts of their own province', async () => {
      const zj = await as('supervisor.zj').get('/api/v1/users?pageSize=200').expect(200);
      const js = await as('supervisor.js').get('/api/v1/users?pageSize=200').expect(200);
      const names = (r: { body: { items: { username: string; regionCode: string }[] } }) =>
        r.body.items.map((u) => u.username).sort();
      expect(names(zj)).toEqual([
        'admin',
        'head.hz',
        'officer.zj',
        'officer2.zj',
        'officer3.zj',
        'operator.zj',
        'supervisor.zj',
      ]);
      expect(names(js)).toEqual(['officer.js', 'officer2.js', 'operator.js', 'supervisor.js']);
      expect(zj.body.items.every((u: { regionCode: string }) => u.regionCode.startsWith('33'))).toBe(true);
      expect(zj.body.total).toBe(7);
    });
    it('refuses a record of the other province with 403 OUT_OF_SCOPE', async () => {
      const res = await as('supervisor.zj')
        .get(`/api/v1/users/${await userId('officer.js')}`)
        .expect(403);
      expect(res.body.code).toBe('OUT_OF_SCOPE');
      await as('supervisor.zj')
        .get(`/api/v1/users/${await userId('officer.zj')}`)
        .expect(200);
    });
    it('lets the admin see every region', async () => {
      const res = await as('admin').get('/api/v1/users?pageSize=200').expect(200);
      expect(res.body.total).toBe(11);
      await as('admin')
        .get(`/api/v1/users/${await userId('officer.js')}`)
        .expect(200);
    });
  });

  describe('admin manages accounts', () => {
    it('creates a user (audited) who can then sign in', async () => {
      const res = await as('admin')
        .post('/api/v1/users', {
          username: 'officer.nb',
          displayName: '孙执法',
          password: 'Str0ng!pass',
          roles: ['officer'],
          officeId: await officeId('宁波市市场监督管理局（宁波市知识产权局）'),
        })
        .expect(201);
      expect(res.body).toMatchObject({ username: 'officer.nb', regionCode: '330200', version: 1 });
      expect(res.body.passwordHash).toBeUndefined();
      const audit = await t.db.sql(`SELECT action, actor_name FROM audit_events WHERE entity_id = $1`, [
        res.body.id,
      ]);
      expect(audit).toEqual([{ action: 'user.created', actor_name: 'admin' }]);
      await t.login('officer.nb', 'Str0ng!pass');
    });

    it('rejects bad input field by field and writes nothing', async () => {
      const before = await count();
      const res = await as('admin')
        .post('/api/v1/users', {
          username: 'Bad Name',
          displayName: '',
          password: 'short',
          roles: ['king'],
          officeId: 'x',
          extra: 1,
        })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['username', 'displayName', 'password', 'roles', 'officeId', 'extra']),
      );
      expect(await count()).toBe(before);
    });

    it('refuses a taken username with 409 and an unknown office with 400', async () => {
      const base = { displayName: '甲', password: 'Str0ng!pass', roles: ['officer'] };
      const office = await officeId('南京市市场监督管理局（南京市知识产权局）');
      const dup = await as('admin')
        .post('/api/v1/users', { ...base, username: 'officer.js', officeId: office })
        .expect(409);
      expect(dup.body.errors[0].field).toBe('username');
      const noOffice = await as('admin')
        .post('/api/v1/users', {
          ...base,
          username: 'new.user',
          officeId: '00000000-0000-4000-8000-000000000000',
        })
        .expect(400);
      expect(noOffice.body.errors[0].field).toBe('officeId');
    });

    it('updates with optimistic locking: a stale version is a 409', async () => {
      const id = await userId('officer.js');
      const ok = await as('admin')
        .patch(`/api/v1/users/${id}`, { displayName: '周执法（一组）', version: 1 })
        .expect(200);
      expect(ok.body.version).toBe(2);
      const stale = await as('admin')
        .patch(`/api/v1/users/${id}`, { displayName: '周', version: 1 })
        .expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const [row] = await t.db.sql(`SELECT display_name FROM users WHERE id = $1`, [id]);
      expect(row.display_name).toBe('周执法（一组）');
    });

    it('revokes sessions when an account is disabled', async () => {
      const s = await t.login('operator.zj');
      const id = await userId('operator.zj');
      const [{ version }] = await t.db.sql(`SELECT version FROM users WHERE id = $1`, [id]);
      await as('admin').patch(`/api/v1/users/${id}`, { active: false, version }).expect(200);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: s.body.refreshToken }).expect(401);
      expect(
        (await t.http().post('/api/v1/auth/login').send({ username: 'operator.zj', password: 'Demo@2026' }))
          .status,
      ).toBe(401);
    });

    it('answers a malformed id with 400 and an unknown one with 404', async () => {
      expect((await as('admin').get('/api/v1/users/not-a-uuid').expect(400)).body.errors[0].field).toBe('id');
      await as('admin').get('/api/v1/users/00000000-0000-4000-8000-000000000000').expect(404);
    });
  });
});
