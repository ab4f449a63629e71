import { createTestApp, TestApp } from '../../../../test/support/test-app';

describe('/api/v1/inbox (HTTP)', () => {
  let t: TestApp;
  let officer: string;
  let other: string;
  let officerId: string;
  let otherId: string;
  const ids: string[] = [];
  let theirs: string;

  const insert = async (userId: string, n: number, read = false) =>
    (
      await t.db.sql(
        `INSERT INTO inbox_messages (user_id, topic, title_zh, title_en, body_zh, body_en, link, data, read_at)
         VALUES ($1, 'notification.test', $2, $3, $4, $5, $6, $7, $8) RETURNING id::text`,
        [
          userId,
          `标题 ${n}`,
          `Title ${n}`,
          `正文 ${n}`,
          `Body ${n}`,
          n % 2 ? `/cases/${n}` : null,
          { n },
          read ? new Date() : null,
        ],
      )
    )[0].id as string;

  beforeAll(async () => {
    t = await createTestApp();
    officer = (await t.login('officer.zj')).token;
    other = (await t.login('officer.js')).token;
    const userId = async (u: string) =>
      (await t.db.sql(`SELECT id FROM users WHERE username = $1`, [u]))[0].id as string;
    officerId = await userId('officer.zj');
    otherId = await userId('officer.js');
    for (let i = 1; i <= 4; i++) ids.push(await insert(officerId, i, i === 2));
    theirs = await insert(otherId, 99);
  });
  afterAll(() => t?.close());

  const get = (url: string, token = officer) => t.http().get(url).set('authorization', `Bearer ${token}`);
  const post = (url: string, token = officer) => t.http().post(url).set('authorization', `Bearer ${token}`);

  it('lists my messages unread first, then newest, in Chinese by default', async () => {
    const res = await get('/api/v1/inbox').expect(200);
    expect(res.body).toMatchObject({ total: 4, page: 1, pageSize: 20, unreadCount: 3 });
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([ids[3], ids[2], ids[0], ids[1]]);
    const first = res.body.items[0];
    expect(Object.keys(first).sort()).toEqual(
      ['id', 'topic', 'title', 'body', 'link', 'data', 'createdAt', 'readAt'].sort(),
    );
    expect(first).toMatchObject({
      id: ids[3],
      topic: 'notification.test',
      title: '标题 4',
      body: '正文 4',
      link: null,
      data: { n: 4 },
      readAt: null,
    });
    expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt);
    expect(res.body.items[3].readAt).toEqual(expect.any(String));
  });

  it('answers in English when asked, filters unread, pages', async () => {
    const res = await get('/api/v1/inbox?unreadOnly=true&pageSize=2&page=1')
      .set('accept-language', 'en-US,en;q=0.9')
      .expect(200);
    expect(res.body).toMatchObject({ total: 3, unreadCount: 3, pageSize: 2 });
    expect(res.body.items.map((m: { title: string }) => m.title)).toEqual(['Title 4', 'Title 3']);
    expect(res.body.items[1]).toMatchObject({ body: 'Body 3', link: '/cases/3' });
    const all = await get('/api/v1/inbox?unreadOnly=false&page=2&pageSize=3').expect(200);
    expect(all.body.items.map((m: { id: string }) => m.id)).toEqual([ids[1]]);
  });

  it('counts unread messages', async () => {
    expect((await get('/api/v1/inbox/unread-count').expect(200)).body).toEqual({ unreadCount: 3 });
    expect((await get('/api/v1/inbox/unread-count', other).expect(200)).body).toEqual({ unreadCount: 1 });
  });

  it("marks one of my messages read; another user's message is 404 and stays unread", async () => {
    const res = await post(`/api/v1/inbox/${ids[0]}/read`).expect(200);
    expect(res.body).toMatchObject({ id: ids[0], title: '标题 1', readAt: expect.any(String) });
    const again = await post(`/api/v1/inbox/${ids[0]}/read`).expect(200);
    expect(again.body.readAt).toBe(res.body.readAt);

    const notMine = await post(`/api/v1/inbox/${theirs}/read`).expect(404);
    expect(notMine.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notMine.body.code).toBe('NOT_FOUND');
    await post('/api/v1/inbox/123456789/read').expect(404);
    expect((await get('/api/v1/inbox/unread-count', other).expect(200)).body).toEqual({ unreadCount: 1 });
    expect((await get('/api/v1/inbox/unread-count').expect(200)).body).toEqual({ unreadCount: 2 });
  });

  it('marks all my messages read and says how many', async () => {
    expect((await post('/api/v1/inbox/read-all').expect(200)).body).toEqual({ marked: 2 });
    expect((await post('/api/v1/inbox/read-all').expect(200)).body).toEqual({ marked: 0 });
    expect((await get('/api/v1/inbox/unread-count').expect(200)).body).toEqual({ unreadCount: 0 });
    expect((await get('/api/v1/inbox/unread-count', other).expect(200)).body).toEqual({ unreadCount: 1 });
  });

  it.each([
    ['/api/v1/inbox?unreadOnly=maybe', 'unreadOnly'],
    ['/api/v1/inbox?pageSize=201', 'pageSize'],
    ['/api/v1/inbox?page=0', 'page'],
    ['/api/v1/inbox?userId=x', 'userId'],
  ])('rejects %s with a 400 naming %s', async (url, field) => {
    const res = await get(url).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999999999999'])(
    'rejects the message id %s with a 400',
    async (id) => {
      const res = await post(`/api/v1/inbox/${id}/read`).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['id']);
    },
  );

  it('needs a signed-in user', async () => {
    await t.http().get('/api/v1/inbox').expect(401);
    await t.http().get('/api/v1/inbox/unread-count').expect(401);
    await t.http().post('/api/v1/inbox/read-all').expect(401);
    await t.http().post(`/api/v1/inbox/${ids[0]}/read`).expect(401);
    const stream = await t.http().get('/api/v1/inbox/stream').set('accept', 'text/event-stream').expect(401);
    expect(stream.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
