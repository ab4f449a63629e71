import { createTestApp, TestApp } from '../support/test-app';

/**
 * After the acceptance decision (issue 5): routing by the competence table, filing a complaint as a case (linked
 * both ways, trackable by the complainant), merging duplicates (every complainant kept and told), telling the
 * complainant the outcome within 5 working days, and the callback with its satisfaction score.
 */
describe('complaint follow-up (e2e)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const offices: Record<string, string> = {};
  const CITY = '杭州市市场监督管理局（杭州市知识产权局）';

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['operator.zj', 'officer.zj', 'officer.js', 'admin'])
      tokens[u] = (await t.login(u)).token;
    for (const r of await t.db.sql(`SELECT id, name FROM offices`))
      offices[r.name as string] = r.id as string;
  });
  afterAll(() => t.close());

  const as = (user: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', `Bearer ${tokens[user]}`),
    post: (url: string, body: object) =>
      t.http().post(url).set('authorization', `Bearer ${tokens[user]}`).send(body),
  });
  let phoneSeq = 0;
  /** Registers a complaint; `complainantPhone` is the phone sent (the answer shows it masked, issue 9). */
  const register = async (extra: object = {}) => {
    const complainantPhone = `1380013${String(++phoneSeq).padStart(4, '0')}`;
    const body = (
      await as('operator.zj')
        .post('/api/v1/complaints', {
          channel: 'phone',
          category: 'complaint',
          complainantName: '张三',
          complainantPhone,
          complainantIdNumber: '11010519491231002X',
          respondentName: '杭州某某贸易有限公司',
          respondentUscc: '91330106MA2CFXX47J',
          ipType: 'trademark',
          rightNumber: '1234567',
          regionCode: '330106',
          officeId: offices[CITY],
          description: '销售假冒注册商标的茶叶',
          ...extra,
        })
        .expect(201)
    ).body as { id: string; trackingNo: string; version: number; complainantPhone: string };
    expect(body.complainantPhone).toBe(`${complainantPhone.slice(0, 3)}****${complainantPhone.slice(-4)}`);
    return { ...body, complainantPhone };
  };
  const act = async (user: string, id: string, action: string, body: object, status = 200) =>
    (await as(user).post(`/api/v1/complaints/${id}/actions/${action}`, body).expect(status)).body;
  const track = async (trackingNo: string, phone: string) =>
    (
      await t
        .http()
        .get(`/api/v1/public/complaints/${trackingNo}?phoneLast4=${phone.slice(-4)}`)
        .expect(200)
    ).body;
  const told = (id: string) =>
    t.db.sql(
      `SELECT payload FROM outbox WHERE topic = 'complaint.decided' AND payload->'data'->>'complaintId' = $1
        ORDER BY id`,
      [id],
    );

  it('suggests the competent office by IP type and region (the routing table)', async () => {
    const table: [string, string, string | null][] = [
      ['trademark', '330106', '杭州市西湖区市场监督管理局'], // the district has trademark competence
      ['patent_invention', '330106', CITY], // patents go up to the city
      ['trademark', '330782', '义乌市市场监督管理局'],
      ['copyright', '330106', '浙江省版权局'], // copyright sits with the province
      ['plant_variety', '330106', '浙江省农业农村厅'],
      ['trademark', '320583', '昆山市市场监督管理局'],
      ['patent_design', '320583', '苏州市市场监督管理局（苏州市知识产权局）'],
      ['trademark', '999999', null], // not a region: no suggestion, not an error
    ];
    for (const [ipType, regionCode, expected] of table) {
      const res = await as('operator.zj')
        .get(`/api/v1/complaints/suggested-office?ipType=${ipType}&regionCode=${regionCode}`)
        .expect(200);
      expect([ipType, regionCode, res.body.name]).toEqual([ipType, regionCode, expected]);
    }
  });

  it('files an accepted complaint as a case, linked both ways, and the complainant can follow the case', async () => {
    const c = await register();
    const accepted = await act('officer.zj', c.id, 'accept', { version: 1 });
    // Accepting tells the complainant by SMS; the notice is due within 5 working days and counts as given.
    expect(accepted).toMatchObject({ state: 'accepted', noticeChannel: 'sms' });
    expect(accepted.notifiedAt).not.toBeNull();
    expect((await told(c.id))[0].payload).toMatchObject({ to: { phones: [c.complainantPhone], emails: [] } });

    // Wrong procedure for a trademark, an operator, a stale version: refused, nothing filed.
    const cases = async () => (await t.db.sql(`SELECT count(*)::int AS n FROM cases`))[0].n as number;
    const before = await cases();
    const wrong = await as('officer.zj')
      .post(`/api/v1/complaints/${c.id}/convert`, {
        version: accepted.version,
        procedure: 'patent_adjudication',
      })
      .expect(400);
    expect(wrong.body.errors[0].field).toBe('procedure');
    await as('operator.zj')
      .post(`/api/v1/complaints/${c.id}/convert`, {
        version: accepted.version,
        procedure: 'penalty_trademark',
      })
      .expect(403);
    await as('officer.zj')
      .post(`/api/v1/complaints/${c.id}/convert`, { version: 1, procedure: 'penalty_trademark' })
      .expect(409);
    expect(await cases()).toBe(before);

    const converted = (
      await as('officer.zj')
        .post(`/api/v1/complaints/${c.id}/convert`, {
          version: accepted.version,
          procedure: 'penalty_trademark',
        })
        .expect(200)
    ).body;
    expect(converted).toMatchObject({ state: 'converted', caseId: expect.any(String) });
    const kase = (await as('officer.zj').get(`/api/v1/cases/${converted.caseId}`).expect(200)).body;
    expect(kase).toMatchObject({
      source: 'complaint',
      procedure: 'penalty_trademark',
      officeName: CITY,
      complaint: { id: c.id, trackingNo: c.trackingNo },
    });
    expect(converted.caseNumber).toBe(kase.caseNo ?? `DJ${kase.regNo}`);
    // The respondent (credit code) and the complainant (resident ID) become parties; the right comes along.
    expect(kase.parties.map((p: { role: string }) => p.role).sort()).toEqual(['claimant', 'respondent']);
    expect(kase.rights).toHaveLength(1);
    const tracked = await track(c.trackingNo, c.complainantPhone);
    expect(tracked).toMatchObject({
      state: 'converted',
      caseNumber: converted.caseNumber,
      caseState: { code: 'registered', zh: '登记待审' },
    });
    expect((await told(c.id)).map((r) => (r.payload as { data: { outcome: string } }).data.outcome)).toEqual([
      'accepted',
      'converted',
    ]);
    // Filed twice? No: the complaint is no longer accepted.
    await as('officer.zj')
      .post(`/api/v1/complaints/${c.id}/convert`, {
        version: converted.version,
        procedure: 'penalty_trademark',
      })
      .expect(409);

    // The complaint closes with its case, not before.
    const early = await act('officer.zj', c.id, 'close', { version: converted.version }, 409);
    expect(early.detail).toContain('尚未办结');
    await as('officer.zj')
      .post(`/api/v1/cases/${converted.caseId}/actions/not_file`, {
        version: kase.version,
        reason: '经核查，涉案商品系正品',
        legalBasis: '《市场监督管理行政处罚程序规定》第二十条',
      })
      .expect(200);
    const closed = await act('officer.zj', c.id, 'close', { version: converted.version });
    expect(closed.closedAt).not.toBeNull();
  });

  it('never makes a reporter a party of the case', async () => {
    const r = await register({ category: 'report', complainantName: '李举报' });
    const a = await act('officer.zj', r.id, 'accept', { version: 1 });
    const converted = (
      await as('officer.zj')
        .post(`/api/v1/complaints/${r.id}/convert`, { version: a.version, procedure: 'penalty_trademark' })
        .expect(200)
    ).body;
    const kase = (await as('officer.zj').get(`/api/v1/cases/${converted.caseId}`).expect(200)).body;
    expect(kase.parties.map((p: { role: string }) => p.role)).toEqual(['respondent']);
    expect(JSON.stringify(kase)).not.toContain('李举报');
  });

  it('merges duplicates: every complainant kept, told, and told again of the outcome', async () => {
    const kept = await register();
    const dup1 = await register({ complainantName: '王五', complainantEmail: 'wangwu@example.cn' });
    const dup2 = await register({ complainantName: '赵六' });
    const path = `/api/v1/complaints/${kept.id}/merge`;
    // Bad requests change nothing.
    const noReason = await as('operator.zj')
      .post(path, { version: 1, reason: ' ', duplicates: [{ id: dup1.id, version: 1 }] })
      .expect(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    await as('operator.zj')
      .post(path, { version: 1, reason: '同一事项', duplicates: [{ id: kept.id, version: 1 }] })
      .expect(400);
    await as('operator.zj')
      .post(path, {
        version: 1,
        reason: '同一事项',
        duplicates: [
          { id: dup1.id, version: 1 },
          { id: dup2.id, version: 7 },
        ],
      })
      .expect(409);
    expect((await t.db.sql(`SELECT state FROM complaints WHERE id = $1`, [dup1.id]))[0].state).toBe(
      'received',
    );
    await as('officer.js')
      .post(path, { version: 1, reason: '同一事项', duplicates: [{ id: dup1.id, version: 1 }] })
      .expect(403);

    const merged = (
      await as('operator.zj')
        .post(path, {
          version: 1,
          reason: '同一被投诉人、同一商标',
          duplicates: [
            { id: dup1.id, version: 1 },
            { id: dup2.id, version: 1 },
          ],
        })
        .expect(200)
    ).body;
    expect(merged.merged.map((m: { trackingNo: string }) => m.trackingNo).sort()).toEqual(
      [dup1.trackingNo, dup2.trackingNo].sort(),
    );
    const d1 = (await as('operator.zj').get(`/api/v1/complaints/${dup1.id}`).expect(200)).body;
    expect(d1).toMatchObject({ state: 'merged', mergedInto: { id: kept.id, trackingNo: kept.trackingNo } });
    expect(await track(dup1.trackingNo, dup1.complainantPhone)).toMatchObject({
      state: 'merged',
      mergedInto: kept.trackingNo,
    });
    // Each merged complainant is told which number to follow, by SMS and (where given) e-mail.
    expect((await told(dup1.id))[0].payload).toMatchObject({
      to: { phones: [dup1.complainantPhone], emails: ['wangwu@example.cn'] },
    });
    expect((await told(dup2.id))[0].payload).toMatchObject({ to: { phones: [dup2.complainantPhone] } });
    // A merged complaint is not merged again, and the kept one's decision reaches all three complainants.
    await as('operator.zj')
      .post(`/api/v1/complaints/${dup2.id}/merge`, {
        version: 2,
        reason: 'x',
        duplicates: [{ id: kept.id, version: merged.version }],
      })
      .expect(409);
    await act('officer.zj', kept.id, 'refuse', {
      version: merged.version,
      refusalGround: 'handled_elsewhere',
    });
    const outcome = (await told(kept.id)).at(-1)!.payload as {
      to: { phones: string[]; emails: string[] };
      body: { zh: string };
    };
    expect(outcome.to.phones.sort()).toEqual(
      [kept.complainantPhone, dup1.complainantPhone, dup2.complainantPhone].sort(),
    );
    expect(outcome.to.emails).toEqual(['wangwu@example.cn']);
    expect(outcome.body.zh).toContain('不予受理');
  });

  it('records the callback after closure: an unanswered call, then satisfaction and a comment', async () => {
    const c = await register();
    const cb = (body: object, status: number) =>
      as('operator.zj').post(`/api/v1/complaints/${c.id}/callback`, body).expect(status);
    expect((await cb({ version: 1, reached: true, satisfaction: 5 }, 409)).body.code).toBe(
      'INVALID_TRANSITION',
    );
    const refused = await act('officer.zj', c.id, 'refuse', {
      version: 1,
      refusalGround: 'materials_missing',
    });
    const closed = await act('operator.zj', c.id, 'close', { version: refused.version });
    // The operator who took the call gets the callback task.
    const [task] = await t.db.sql(
      `SELECT payload FROM outbox WHERE topic = 'complaint.callback_due' AND payload->'data'->>'complaintId' = $1`,
      [c.id],
    );
    const operatorId = (await t.db.sql(`SELECT id FROM users WHERE username = 'operator.zj'`))[0].id;
    expect(task.payload).toMatchObject({ to: { users: [operatorId] } });
    const pending = async () =>
      (
        (await as('operator.zj').get('/api/v1/complaints?callback=pending&pageSize=100').expect(200)).body
          .items as { id: string }[]
      ).map((i) => i.id);
    expect(await pending()).toContain(c.id);

    const bad = await cb({ version: closed.version, reached: true, satisfaction: 9 }, 400);
    expect(bad.body.errors[0].field).toBe('satisfaction');
    await cb({ version: closed.version, reached: true }, 400);
    const missed = (await cb({ version: closed.version, reached: false, comment: '无人接听' }, 200)).body;
    expect(missed).toMatchObject({ callbackAttempts: 1, callbackAt: null, satisfaction: null });
    expect(await pending()).toContain(c.id);
    const done = (
      await cb(
        { version: missed.version, reached: true, satisfaction: 4, comment: '处理及时，<b>满意</b>' },
        200,
      )
    ).body;
    expect(done).toMatchObject({
      satisfaction: 4,
      callbackAttempts: 2,
      callbackComment: '处理及时，<b>满意</b>',
    });
    expect(await pending()).not.toContain(c.id);
    expect((await cb({ version: done.version, reached: true, satisfaction: 5 }, 409)).body.code).toBe(
      'CONFLICT',
    );
    // Only staff who work complaints record callbacks.
    await as('admin')
      .post(`/api/v1/complaints/${c.id}/callback`, { version: done.version, reached: false })
      .expect(403);
  });

  it('keeps the outcome notice due when there is no phone or e-mail, until an operator records it', async () => {
    const q = (
      await as('operator.zj')
        .post('/api/v1/complaints', {
          channel: 'walk_in',
          category: 'consultation',
          complainantName: '来访群众',
          description: '专利权无效宣告如何申请？',
        })
        .expect(201)
    ).body;
    const answered = await act('operator.zj', q.id, 'answer', {
      version: 1,
      answer: '向国家知识产权局提出。',
    });
    expect(answered).toMatchObject({ notifiedAt: null, noticeChannel: null });
    expect(answered.noticeDueAt).not.toBeNull();
    expect(await told(q.id)).toHaveLength(0);
    const list = (await as('operator.zj').get('/api/v1/complaints?notice=pending&pageSize=100').expect(200))
      .body;
    expect(list.items.map((i: { id: string }) => i.id)).toContain(q.id);
    const path = `/api/v1/complaints/${q.id}/notice`;
    await as('operator.zj').post(path, { version: answered.version, channel: 'pigeon' }).expect(400);
    const noted = (
      await as('operator.zj')
        .post(path, { version: answered.version, channel: 'in_person', note: '当场告知' })
        .expect(200)
    ).body;
    expect(noted).toMatchObject({ noticeChannel: 'in_person' });
    expect(noted.notifiedAt).not.toBeNull();
    await as('operator.zj').post(path, { version: noted.version, channel: 'phone' }).expect(409);
    const audit = await t.db.sql(
      `SELECT action FROM audit_events WHERE entity_type = 'complaint' AND entity_id = $1 ORDER BY seq`,
      [q.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'complaint.received',
      'complaint.answer',
      'complaint.notice',
    ]);
  });

  it('refuses the dedicated actions on the generic route', async () => {
    const c = await register();
    const res = await act('officer.zj', c.id, 'merge', { version: 1 }, 404);
    expect(res.detail).toContain('/merge');
  });
});
