import { InboxStream } from '@app/notifications';
import { openStream } from '../support/sse-client';
import { createTestApp, TestApp } from '../support/test-app';

describe('GET /api/v1/inbox/stream (server-sent events through the real bootstrap)', () => {
  let t: TestApp;
  let baseUrl: string;
  let token: string;
  let userId: string;
  let otherId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    token = (await t.login('officer.zj')).token;
    userId = (await t.db.sql(`SELECT id FROM users WHERE username = 'officer.zj'`))[0].id as string;
    otherId = (await t.db.sql(`SELECT id FROM users WHERE username = 'officer.js'`))[0].id as string;
    await t.app.get(InboxStream).whenListening();
  });
  afterAll(() => t?.close());

  /** What the worker's inbox sender does, in plain SQL: insert, then NOTIFY in the same transaction. */
  const deliver = async (to: string, n: number): Promise<string> => {
    const [row] = await t.db.sql(
      `WITH m AS (
         INSERT INTO inbox_messages (user_id, topic, title_zh, title_en, body_zh, body_en, link)
         VALUES ($1, 'deadline.due_soon', $2, $3, '请及时处理', 'Please act', '/cases/1') RETURNING id, user_id)
       SELECT m.id::text, pg_notify('inbox_messages', m.user_id::text || ':' || m.id::text) FROM m`,
      [to, `期限提醒 ${n}`, `Deadline reminder ${n}`],
    );
    return row.id as string;
  };

  it('streams the unread count, then new messages and read changes of this user only', async () => {
    const s = openStream(`${baseUrl}/api/v1/inbox/stream`, {
      authorization: `Bearer ${token}`,
      'accept-language': 'en',
      'x-request-id': 'sse-test-1',
    });
    try {
      const res = await s.opened;
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/event-stream');
      expect(res.headers['cache-control']).toMatch(/no-cache/);
      // helmet ran (onRequest hook) although the body bypasses Fastify's reply
      expect(res.headers['x-content-type-options']).toBe('nosniff');

      const first = await s.next((f) => f.event === 'unread');
      expect(JSON.parse(first.data!)).toEqual({ unreadCount: 0 });

      await deliver(otherId, 0); // someone else's message is not announced here
      const id = await deliver(userId, 1);
      const message = await s.next((f) => f.event === 'message');
      expect(JSON.parse(message.data!)).toEqual({
        unreadCount: 1,
        message: {
          id,
          topic: 'deadline.due_soon',
          title: 'Deadline reminder 1',
          body: 'Please act',
          link: '/cases/1',
          data: {},
          createdAt: expect.any(String),
          readAt: null,
        },
      });
      expect(s.frames.filter((f) => f.event === 'message')).toHaveLength(1);

      const seen = s.frames.length;
      await t.http().post(`/api/v1/inbox/${id}/read`).set('authorization', `Bearer ${token}`).expect(200);
      const unread = await s.next((f) => f.event === 'unread', seen);
      expect(JSON.parse(unread.data!)).toEqual({ unreadCount: 0 });
    } finally {
      s.close();
    }
  });

  it('gives two open pages of the user the same events, and forgets a page once it disconnects', async () => {
    const stream = t.app.get(InboxStream);
    const a = openStream(`${baseUrl}/api/v1/inbox/stream`, { authorization: `Bearer ${token}` });
    const b = openStream(`${baseUrl}/api/v1/inbox/stream`, { authorization: `Bearer ${token}` });
    try {
      await Promise.all([a.next((f) => f.event === 'unread'), b.next((f) => f.event === 'unread')]);
      expect(stream.userCount).toBe(1);
      await deliver(userId, 2);
      const [ma, mb] = await Promise.all([
        a.next((f) => f.event === 'message'),
        b.next((f) => f.event === 'message'),
      ]);
      expect(JSON.parse(ma.data!).message.title).toBe('期限提醒 2'); // zh-CN without Accept-Language
      expect(ma.data).toBe(mb.data);
    } finally {
      a.close();
      b.close();
    }
    const until = Date.now() + 5000;
    while (stream.userCount > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(stream.userCount).toBe(0);
  });

  it('refuses a request without a valid bearer token with problem+json, not a stream', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const s = openStream(`${baseUrl}/api/v1/inbox/stream`, headers);
      const res = await s.opened;
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      s.close();
    }
  });

  // Last: it stops this app's stream service.
  it('ends open streams when the API shuts down, so the process does not wait on them', async () => {
    const s = openStream(`${baseUrl}/api/v1/inbox/stream`, { authorization: `Bearer ${token}` });
    try {
      await s.next((f) => f.event === 'unread');
      await t.app.get(InboxStream).onModuleDestroy(); // what app.close() runs first
      await s.ended;
    } finally {
      s.close();
    }
  });
});
