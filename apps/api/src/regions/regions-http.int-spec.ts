import { createTestApp, type TestApp } from '../../../../test/support/test-app';

describe('regions and offices over HTTP', () => {
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
      post: (url: string, body: object) => t.http().post(url).set(auth).send(body),
      patch: (url: string, body: object) => t.http().patch(url).set(auth).send(body),
    };
  };

  describe('GET /regions', () => {
    it('needs a signed-in user', async () => {
      await t.http().get('/api/v1/regions').expect(401);
    });

    it('lists provinces, children, and searches', async () => {
      const provinces = await as('officer.zj').get('/api/v1/regions').expect(200);
      expect(provinces.body).toHaveLength(31);
      expect(provinces.body[0]).toEqual({
        code: '110000',
        name: '北京市',
        level: 'province',
        parentCode: null,
        hasChildren: true,
      });
      const hz = await as('officer.zj').get('/api/v1/regions?parent=330100').expect(200);
      expect(hz.body).toContainEqual({
        code: '330106',
        name: '西湖区',
        level: 'county',
        parentCode: '330100',
        hasChildren: false,
      });
      const hits = await as('officer.zj')
        .get(`/api/v1/regions?q=${encodeURIComponent('西湖')}`)
        .expect(200);
      expect(hits.body).toContainEqual(
        expect.objectContaining({ code: '330106', fullName: '浙江省杭州市西湖区' }),
      );
    });

    it('answers 400 for a parent that is not a 6-digit code, 404 for an unknown one', async () => {
      const bad = await as('officer.zj').get('/api/v1/regions?parent=3301').expect(400);
      expect(bad.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'parent' })],
      });
      await as('officer.zj').get('/api/v1/regions?parent=abcdef').expect(400);
      await as('officer.zj').get('/api/v1/regions?parent=330199').expect(404);
    });

    it('shows one region with its path', async () => {
      const res = await as('officer.zj').get('/api/v1/regions/110101').expect(200);
      expect(res.body).toMatchObject({ code: '110101', fullName: '北京市东城区', provinceCode: '110000' });
      expect(res.body.path.map((p: { code: string }) => p.code)).toEqual(['110000', '110100', '110101']);
      await as('officer.zj').get('/api/v1/regions/330199').expect(404);
      await as('officer.zj').get('/api/v1/regions/33').expect(400);
    });
  });

  describe('/offices', () => {
    it('lists a subtree with filters, and checks paging', async () => {
      const res = await as('officer.zj')
        .get('/api/v1/offices?within=330100&competence=trademark')
        .expect(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 20 });
      expect(res.body.items.map((o: { regionCode: string }) => o.regionCode).sort()).toEqual([
        '330100',
        '330106',
      ]);
      expect(res.body.items[0]).toEqual({
        id: expect.any(String),
        name: '杭州市市场监督管理局（杭州市知识产权局）',
        shortName: '杭知执',
        regionCode: '330100',
        regionName: '杭州市',
        level: 'city',
        competences: ['patent', 'trademark'],
        active: true,
        version: 1,
      });
      await as('officer.zj').get('/api/v1/offices?pageSize=201').expect(400);
      await as('officer.zj').get('/api/v1/offices?page=0').expect(400);
      await as('officer.zj').get('/api/v1/offices?competence=tax').expect(400);
      await as('officer.zj').get('/api/v1/offices?within=33').expect(400);
      await as('officer.zj').get('/api/v1/offices?sort=name').expect(400);
    });

    it('shows one office; 400 for a malformed id, 404 for an unknown one', async () => {
      const [row] = await t.db.sql(`SELECT id FROM offices WHERE short_name = '西湖知执'`);
      const res = await as('officer.zj').get(`/api/v1/offices/${row.id}`).expect(200);
      expect(res.body).toMatchObject({ regionCode: '330106', regionName: '西湖区', level: 'county' });
      await as('officer.zj').get('/api/v1/offices/not-a-uuid').expect(400);
      await as('officer.zj').get('/api/v1/offices/33333333-3333-4333-8333-333333333333').expect(404);
    });

    it('lets only admins create and edit, with optimistic locking', async () => {
      const body = {
        name: '测试·上城区市场监督管理局',
        shortName: '上城知执',
        regionCode: '330102',
        competences: ['trademark'],
      };
      await as('officer.zj').post('/api/v1/offices', body).expect(403);
      const created = await as('admin').post('/api/v1/offices', body).expect(201);
      expect(created.body).toMatchObject({
        ...body,
        regionName: '上城区',
        level: 'county',
        active: true,
        version: 1,
      });
      const dup = await as('admin').post('/api/v1/offices', body).expect(409);
      expect(dup.body).toMatchObject({
        code: 'CONFLICT',
        errors: [expect.objectContaining({ field: 'name' })],
      });
      await as('admin')
        .post('/api/v1/offices', { ...body, name: '测试·另一个', regionCode: '330199' })
        .expect(400);
      await as('admin')
        .post('/api/v1/offices', { ...body, name: '测试·另一个', extra: 1 })
        .expect(400);

      const url = `/api/v1/offices/${created.body.id}`;
      await as('officer.zj').patch(url, { version: 1, active: false }).expect(403);
      await as('admin').patch(url, { active: false }).expect(400); // version is required
      const updated = await as('admin').patch(url, { version: 1, active: false }).expect(200);
      expect(updated.body).toMatchObject({ active: false, version: 2 });
      const stale = await as('admin').patch(url, { version: 1, shortName: '旧' }).expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
    });
  });
});
