import { TOPIC_NAMES } from '@app/contracts';
import { createTestApp, TestApp } from '../../../../test/support/test-app';

describe('/api/v1/notification-preferences (HTTP)', () => {
  let t: TestApp;
  let officer: string;
  let other: string;

  beforeAll(async () => {
    t = await createTestApp();
    officer = (await t.login('officer.zj')).token;
    other = (await t.login('operator.zj')).token;
  });
  afterAll(() => t?.close());

  const get = (token = officer) =>
    t.http().get('/api/v1/notification-preferences').set('authorization', `Bearer ${token}`);
  const put = (topic: string, body: unknown, token = officer) =>
    t
      .http()
      .put(`/api/v1/notification-preferences/${encodeURIComponent(topic)}`)
      .set('authorization', `Bearer ${token}`)
      .send(body as object);

  it('lists every topic with both names, the defaults and my channels', async () => {
    const res = await get().expect(200);
    expect(res.body.map((p: { topic: string }) => p.topic)).toEqual(TOPIC_NAMES);
    expect(res.body.find((p: { topic: string }) => p.topic === 'deadline.due_soon')).toEqual({
      topic: 'deadline.due_soon',
      names: { zh: '期限即将届满', en: 'Deadline approaching' },
      defaultChannels: ['inbox', 'email'],
      channels: ['inbox', 'email'],
      custom: false,
    });
  });

  it('sets my channels for a topic (an empty list mutes it) without touching other users', async () => {
    const res = await put('deadline.due_soon', { channels: ['sms', 'inbox'] }).expect(200);
    expect(res.body).toMatchObject({ topic: 'deadline.due_soon', channels: ['inbox', 'sms'], custom: true });
    await put('deadline.overdue', { channels: [] }).expect(200);
    const mine = (await get().expect(200)).body as { topic: string; channels: string[] }[];
    expect(mine.find((p) => p.topic === 'deadline.due_soon')?.channels).toEqual(['inbox', 'sms']);
    expect(mine.find((p) => p.topic === 'deadline.overdue')?.channels).toEqual([]);
    const theirs = (await get(other).expect(200)).body as { topic: string; custom: boolean }[];
    expect(theirs.every((p) => !p.custom)).toBe(true);
    const audit = await t.db.sql(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'notification_preference.set'`,
    );
    expect(audit[0].n).toBe(2);
  });

  it('answers 404 for an unknown topic', async () => {
    const res = await put('case.unknown', { channels: ['inbox'] }).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it.each([
    [{ channels: ['webhook'] }, 'channels'],
    [{ channels: ['inbox', 'inbox'] }, 'channels'],
    [{ channels: 'inbox' }, 'channels'],
    [{}, 'channels'],
    [{ channels: ['inbox'], extra: 1 }, 'extra'],
  ])('rejects %j with a 400 naming %s', async (body, field) => {
    const res = await put('deadline.due_soon', body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('needs a signed-in user', async () => {
    await t.http().get('/api/v1/notification-preferences').expect(401);
    await t
      .http()
      .put('/api/v1/notification-preferences/deadline.due_soon')
      .send({ channels: [] })
      .expect(401);
  });
});
