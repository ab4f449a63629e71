import { addDays, endOfShanghaiDay, shanghaiDate } from '@app/domain';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Joint supervision (督办, issue 6) over HTTP: the province marks a Hangzhou case supervised, the flag shows in the
 * case list and detail, the handling office files progress reports, and only the supervising level ends it.
 */
describe('supervision (e2e)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const USERS = [
    'officer.zj',
    'officer2.zj',
    'head.hz',
    'supervisor.zj',
    'officer.js',
    'supervisor.js',
    'admin',
  ];

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of USERS) tokens[u] = (await t.login(u)).token;
    for (const r of await t.db.sql(`SELECT id, username FROM users`))
      ids[r.username as string] = r.id as string;
  });
  afterAll(() => t.close());

  const as = (user: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', `Bearer ${tokens[user]}`),
    post: (url: string, body: object = {}) =>
      t.http().post(url).set('authorization', `Bearer ${tokens[user]}`).send(body),
  });
  const newCase = async (title: string) => {
    const c = (
      await as('officer.zj')
        .post('/api/v1/cases', {
          title,
          ipType: 'trademark',
          procedure: 'penalty_trademark',
          source: 'ex_officio',
          regionCode: '330106',
          officerIds: [ids['officer.zj'], ids['officer2.zj']],
          parties: [
            {
              role: 'respondent',
              kind: 'enterprise',
              name: '杭州某某贸易有限公司',
              uscc: '91330106MA2CFXX47J',
            },
          ],
        })
        .expect((res) => {
          if (res.status !== 201) throw new Error(JSON.stringify(res.body));
        })
    ).body;
    return (await as('officer.zj').post(`/api/v1/cases/${c.id}/actions/file`, { version: 1 }).expect(200))
      .body;
  };
  const url = (caseId: string, tail = '') => `/api/v1/cases/${caseId}/supervision${tail}`;
  const dueIn = (days: number) => endOfShanghaiDay(addDays(shanghaiDate(new Date()), days)).toISOString();
  const listed = async (user: string, title: string) =>
    (
      await as(user)
        .get(`/api/v1/cases?q=${encodeURIComponent(title)}`)
        .expect(200)
    ).body.items as {
      id: string;
      supervised: boolean;
    }[];

  it('the province supervises a Hangzhou case; the office reports; only the supervising level ends it', async () => {
    const title = '关于杭州某某贸易有限公司涉嫌侵犯注册商标专用权案（督办）';
    const c = await newCase(title);
    expect(c.supervised).toBe(false);
    await as('officer.zj').get(url(c.id)).expect(404);

    // Bad input, and nobody but a higher level, changes nothing.
    const start = { reason: '涉案金额巨大，社会影响较大，列为省局督办案件', reportEveryDays: 7 };
    for (const n of [0, 91, 1.5]) {
      const res = await as('supervisor.zj')
        .post(url(c.id), { ...start, reportEveryDays: n })
        .expect(400);
      expect(res.body.errors[0].field).toBe('reportEveryDays');
    }
    for (const reason of ['', '   ']) {
      const res = await as('supervisor.zj')
        .post(url(c.id), { ...start, reason })
        .set('accept-language', 'zh-CN')
        .expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'reason', code: 'REQUIRED' });
      expect(res.body.errors[0].message).toContain('督办理由');
    }
    await as('supervisor.zj').post(url(c.id), { reason: start.reason }).expect(400);
    // The city head of the handling office is not a higher level.
    const own = await as('head.hz').post(url(c.id), start).expect(403);
    expect(own.body.code).toBe('FORBIDDEN');
    expect(own.body.detail).toContain('上级');
    expect(own.body.detail).toContain('above the handling office');
    await as('officer.zj').post(url(c.id), start).expect(403);
    await as('officer.js').post(url(c.id), start).expect(403);
    await as('supervisor.js').post(url(c.id), start).expect(403);
    await as('admin').post(url(c.id), start).expect(403);
    expect(await t.db.sql(`SELECT 1 FROM case_supervisions WHERE case_id = $1`, [c.id])).toEqual([]);

    // 省局督办.
    const s = (await as('supervisor.zj').post(url(c.id), start).expect(201)).body;
    expect(s).toMatchObject({
      caseId: c.id,
      state: 'active',
      region: { code: '330000' },
      office: { name: '浙江省市场监督管理局（浙江省知识产权局）', regionCode: '330000' },
      startedBy: { id: ids['supervisor.zj'] },
      reason: start.reason,
      reportEveryDays: 7,
      nextReportDueAt: dueIn(7),
      overdue: false,
      reports: [],
      canReport: true,
      canEnd: true,
    });
    const again = await as('supervisor.zj').post(url(c.id), start).expect(409);
    expect(again.body.code).toBe('CONFLICT');

    // Flagged everywhere: the case detail (version bumped) and the list.
    const detail = (await as('officer.zj').get(`/api/v1/cases/${c.id}`).expect(200)).body;
    expect(detail).toMatchObject({ supervised: true, version: c.version + 1 });
    expect((await listed('officer.zj', title)).find((i) => i.id === c.id)?.supervised).toBe(true);
    expect((await listed('supervisor.zj', title)).find((i) => i.id === c.id)?.supervised).toBe(true);

    // Readers of the case read the supervision; the other province does not.
    const seen = (await as('officer.zj').get(url(c.id)).expect(200)).body;
    expect(seen).toMatchObject({ id: s.id, canReport: true, canEnd: false });
    expect((await as('head.hz').get(url(c.id)).expect(200)).body.canEnd).toBe(false);
    await as('admin').get(url(c.id)).expect(200);
    await as('officer.js').get(url(c.id)).expect(403);

    // The handling office was told.
    const told = await t.db.sql(
      `SELECT payload FROM outbox WHERE topic = 'case.supervision' AND payload->'data'->>'caseId' = $1 ORDER BY id`,
      [c.id],
    );
    expect(told).toHaveLength(1);
    expect(told[0].payload).toMatchObject({
      to: { office: { id: c.officeId, roles: ['officer', 'supervisor'] } },
      link: `/cases/${c.id}`,
      data: { supervisionId: s.id, event: 'started' },
    });

    // The report is overdue; the office files it and the next one falls due a week from today.
    const wasDue = new Date(Date.now() - 2 * 86_400_000).toISOString();
    await t.db.sql(`UPDATE case_supervisions SET next_report_due_at = $2 WHERE id = $1`, [s.id, wasDue]);
    expect((await as('officer.zj').get(url(c.id)).expect(200)).body.overdue).toBe(true);
    const empty = await as('officer.zj').post(url(c.id, '/reports'), { body: ' ' }).expect(400);
    expect(empty.body.errors[0].field).toBe('body');
    await as('officer.zj')
      .post(url(c.id, '/reports'), { body: 'x'.repeat(5001) })
      .expect(400);
    await as('officer.js').post(url(c.id, '/reports'), { body: '进展' }).expect(403);
    await as('admin').post(url(c.id, '/reports'), { body: '进展' }).expect(403);
    const reported = (
      await as('officer.zj')
        .post(url(c.id, '/reports'), { body: '已完成现场检查，扣押涉嫌侵权商品1200件，正在委托鉴定。' })
        .expect(201)
    ).body;
    expect(reported).toMatchObject({
      state: 'active',
      nextReportDueAt: dueIn(7),
      overdue: false,
      reports: [
        {
          body: '已完成现场检查，扣押涉嫌侵权商品1200件，正在委托鉴定。',
          filedBy: { id: ids['officer.zj'] },
          wasDueAt: wasDue,
          late: true,
        },
      ],
    });
    expect(reported.version).toBe(s.version + 1);
    const toSupervisor = await t.db.sql(
      `SELECT payload FROM outbox WHERE topic = 'case.supervision' AND payload->'data'->>'caseId' = $1
          AND payload->'data'->>'event' = 'reported'`,
      [c.id],
    );
    expect(toSupervisor[0].payload).toMatchObject({
      to: { office: { id: s.office.id, roles: ['supervisor'] } },
    });

    // Only the supervising level ends it, with a reason.
    await as('supervisor.js').post(url(c.id, '/end'), { reason: '办结' }).expect(403);
    const lower = await as('head.hz').post(url(c.id, '/end'), { reason: '办结' }).expect(403);
    expect(lower.body.detail).toContain('supervising region');
    await as('officer.zj').post(url(c.id, '/end'), { reason: '办结' }).expect(403);
    const noReason = await as('supervisor.zj').post(url(c.id, '/end'), { reason: '' }).expect(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const ended = (
      await as('supervisor.zj')
        .post(url(c.id, '/end'), { reason: '案件已依法作出处罚决定，督办目标达成' })
        .expect(200)
    ).body;
    expect(ended).toMatchObject({
      id: s.id,
      state: 'ended',
      endReason: '案件已依法作出处罚决定，督办目标达成',
      nextReportDueAt: null,
      overdue: false,
      canReport: false,
      canEnd: false,
    });
    expect(ended.endedAt).not.toBeNull();
    expect((await as('officer.zj').get(`/api/v1/cases/${c.id}`).expect(200)).body).toMatchObject({
      supervised: false,
      version: c.version + 2,
    });
    expect((await listed('officer.zj', title)).find((i) => i.id === c.id)?.supervised).toBe(false);
    // The latest supervision stays readable; nothing more can be reported or ended.
    expect((await as('officer.zj').get(url(c.id)).expect(200)).body).toMatchObject({
      id: s.id,
      state: 'ended',
    });
    await as('officer.zj').post(url(c.id, '/reports'), { body: '补充进展' }).expect(409);
    await as('supervisor.zj').post(url(c.id, '/end'), { reason: '再次结束' }).expect(409);

    // Every step is on the case's audit stream.
    const events = await t.db.sql(
      `SELECT action FROM audit_events WHERE stream = $1 AND action LIKE 'case.supervision%' ORDER BY seq`,
      [`case:${c.id}`],
    );
    expect(events.map((e) => e.action)).toEqual([
      'case.supervision_started',
      'case.supervision_reported',
      'case.supervision_ended',
    ]);

    // It may be supervised again later.
    const second = (
      await as('supervisor.zj')
        .post(url(c.id), { ...start, reportEveryDays: 30 })
        .expect(201)
    ).body;
    expect(second).toMatchObject({ state: 'active', reportEveryDays: 30, nextReportDueAt: dueIn(30) });
    expect(second.id).not.toBe(s.id);
  });

  it('refuses unknown cases and malformed ids', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await as('supervisor.zj').post(url(missing), { reason: '督办', reportEveryDays: 7 }).expect(404);
    await as('officer.zj').get(url(missing)).expect(404);
    await as('officer.zj').get('/api/v1/cases/not-a-uuid/supervision').expect(400);
    await as('supervisor.zj')
      .post(url(missing), { reason: '督办', reportEveryDays: 7, extra: 1 })
      .expect(400);
  });
});
