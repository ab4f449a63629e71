import { shanghaiDate, usccCheckCharacter } from '@app/domain';
import { signWebhook } from '@app/notifications';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Referrals between offices in 浙江 and 江苏 over HTTP (issue 6): every kind end to end, access before and after
 * acceptance and after return, designation by the common superior, the criminal transfer's approval, clocks and
 * closing block, and the refusals of bad input.
 */
describe('referrals (e2e)', () => {
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
  const HZ = '杭州市市场监督管理局（杭州市知识产权局）';
  const NJ = '南京市市场监督管理局（南京市知识产权局）';
  const SZ = '苏州市市场监督管理局（苏州市知识产权局）';
  const NB = '宁波市市场监督管理局（宁波市知识产权局）';
  const HZ_POLICE = '杭州市公安局';

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of USERS) tokens[u] = (await t.login(u)).token;
    for (const r of await t.db.sql(`SELECT id, username FROM users`))
      ids[r.username as string] = r.id as string;
    for (const r of await t.db.sql(`SELECT id, name FROM offices`)) ids[r.name as string] = r.id as string;
  });
  afterAll(() => t.close());

  const as = (user: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', `Bearer ${tokens[user]}`),
    post: (url: string, body: object = {}) =>
      t.http().post(url).set('authorization', `Bearer ${tokens[user]}`).send(body),
  });
  const newCase = async (title = '关于杭州某某贸易有限公司涉嫌侵犯注册商标专用权案') => {
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
            {
              role: 'claimant',
              kind: 'individual',
              name: '张三',
              idNumber: '11010519491231002X',
              phone: '13800138000',
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
  const upload = async (caseId: string, title: string) =>
    (
      await t
        .http()
        .post(`/api/v1/cases/${caseId}/evidence`)
        .set('authorization', `Bearer ${tokens['officer.zj']}`)
        .field('kind', 'photo')
        .field('title', title)
        .field('collectedBy', '李执法')
        .field('collectedAt', new Date().toISOString())
        .attach('file', Buffer.from(`photo ${title}`), `${title}.jpg`)
        .expect(201)
    ).body;
  const refer = (user: string, caseId: string, body: object) =>
    as(user).post(`/api/v1/cases/${caseId}/referrals`, body);
  const step = (user: string, id: string, action: string, body: object) =>
    as(user).post(`/api/v1/referrals/${id}/actions/${action}`, body);
  const jurisdiction = (extra: object = {}) => ({
    kind: 'jurisdiction',
    toOfficeId: ids[NJ],
    reason: '被请求人住所地在南京市玄武区，侵权行为实施地在南京',
    legalBasis: '《市场监督管理行政处罚程序规定》第八条、第十一条',
    targetRegionCode: '320102',
    ...extra,
  });

  it('transfers jurisdiction: the receiver reads only what was shared, then the case moves with its number history', async () => {
    const c = await newCase();
    const shared = await upload(c.id, '现场照片');
    const kept = await upload(c.id, '内部笔录');

    // Bad input changes nothing.
    const own = await refer('officer.zj', c.id, jurisdiction({ toOfficeId: ids[HZ] })).expect(400);
    expect(own.body.errors[0]).toMatchObject({ field: 'toOfficeId', code: 'SAME_OFFICE' });
    const copyright = await refer(
      'officer.zj',
      c.id,
      jurisdiction({ toOfficeId: ids['江苏省版权局'] }),
    ).expect(400);
    expect(copyright.body.errors[0]).toMatchObject({ field: 'toOfficeId', code: 'NOT_COMPETENT' });
    const outside = await refer('officer.zj', c.id, jurisdiction({ targetRegionCode: '330106' })).expect(400);
    expect(outside.body.errors[0].field).toBe('targetRegionCode');
    await refer('officer.js', c.id, jurisdiction()).expect(403);
    expect(await t.db.sql(`SELECT 1 FROM referrals WHERE case_id = $1`, [c.id])).toEqual([]);

    // Before the referral the other province's office cannot read the case.
    await as('officer.js').get(`/api/v1/cases/${c.id}`).expect(403);
    const r = (await refer('officer.zj', c.id, jurisdiction({ evidenceIds: [shared.id] })).expect(201)).body;
    expect(r).toMatchObject({
      kind: 'jurisdiction',
      state: 'sent',
      clock: 'response',
      ruleId: 'referral.jurisdiction.response',
      evidence: [expect.objectContaining({ id: shared.id })],
    });
    expect(r.referralNo).toMatch(/^YS\d{4}\d{6}$/);
    expect(r.requesterToldAt).not.toBeNull();
    expect((await refer('officer.zj', c.id, jurisdiction()).expect(409)).body.code).toBe('REFERRAL_OPEN');

    // The receiving office reads the case and the shared evidence only, and cannot act on the case.
    expect((await as('officer.js').get(`/api/v1/cases/${c.id}`).expect(200)).body.actions).toEqual([]);
    const evidence = (await as('officer.js').get(`/api/v1/cases/${c.id}/evidence`).expect(200)).body;
    expect(evidence.map((e: { id: string }) => e.id)).toEqual([shared.id]);
    await as('officer.js').get(`/api/v1/cases/${c.id}/evidence/${kept.id}/content`).expect(404);
    await as('officer.js').get(`/api/v1/cases/${c.id}/evidence/${shared.id}/content`).expect(200);
    await as('officer.js').post(`/api/v1/cases/${c.id}/actions/suspend`, { version: c.version }).expect(403);
    const incoming = (await as('officer.js').get('/api/v1/referrals?direction=incoming').expect(200)).body;
    expect(incoming.items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect(incoming.counts.incoming).toBeGreaterThanOrEqual(1);
    const listed = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
    const openOnes = await as('officer.js')
      .get('/api/v1/referrals?direction=incoming&state=open')
      .expect(200);
    expect(listed(openOnes)).toContain(r.id);
    const closedOnes = await as('officer.js')
      .get('/api/v1/referrals?direction=incoming&state=closed')
      .expect(200);
    expect(listed(closedOnes)).not.toContain(r.id);

    // Only the receiver takes the receiver's steps; a stale version is refused.
    await step('officer.zj', r.id, 'accept', { version: r.version }).expect(403);
    const received = (await step('officer.js', r.id, 'receive', { version: r.version }).expect(200)).body;
    expect((await step('officer.js', r.id, 'accept', { version: r.version }).expect(409)).body.code).toBe(
      'STALE_VERSION',
    );
    const accepted = (await step('officer.js', r.id, 'accept', { version: received.version }).expect(200))
      .body;
    expect(accepted).toMatchObject({ state: 'closed', open: false, dueAt: null });
    const closedNow = await as('officer.js')
      .get('/api/v1/referrals?direction=incoming&state=closed')
      .expect(200);
    expect(listed(closedNow)).toContain(r.id);
    const openNow = await as('officer.js').get('/api/v1/referrals?direction=incoming&state=open').expect(200);
    expect(listed(openNow)).not.toContain(r.id);

    // The case now belongs to 南京 (a new number there, the old one kept); 杭州 no longer reads it.
    const moved = (await as('officer.js').get(`/api/v1/cases/${c.id}`).expect(200)).body;
    expect(moved).toMatchObject({ officeId: ids[NJ], regionCode: '320102' });
    expect(moved.caseNo).toMatch(/^宁知执〔\d{4}〕\d+号$/);
    await as('officer.zj').get(`/api/v1/cases/${c.id}`).expect(403);
    const travel = (await as('officer.js').get(`/api/v1/cases/${c.id}/travel`).expect(200)).body;
    expect(
      travel.stops.map((s: { office: { id: string }; caseNo: string; how: string }) => [
        s.office.id,
        s.caseNo,
        s.how,
      ]),
    ).toEqual([
      [ids[HZ], c.caseNo, 'registered'],
      [ids[NJ], moved.caseNo, 'accepted'],
    ]);

    // The case's timeline tells the move and the referral's steps.
    const timeline = (await as('officer.js').get(`/api/v1/cases/${c.id}/timeline`).expect(200)).body;
    const moveEntry = timeline.find((e: { action: string }) => e.action === 'case.moved');
    expect(moveEntry.summary.zh).toContain(moved.caseNo);
    expect(timeline.filter((e: { action: string }) => e.action === 'referral.changed')).toHaveLength(3);

    // 不得再自行移送: the receiving office cannot send it on.
    const onward = await refer(
      'officer.js',
      c.id,
      jurisdiction({ toOfficeId: ids[SZ], targetRegionCode: '320505' }),
    );
    expect(onward.status).toBe(409);
    expect(onward.body.code).toBe('ONWARD_TRANSFER_FORBIDDEN');

    // Partner systems get every step as referral.changed JSON.
    const announced = await t.db.sql(
      `SELECT payload->'data' AS data FROM outbox WHERE topic = 'referral.changed'
         AND payload->'data'->'referral'->>'id' = $1 ORDER BY id`,
      [r.id],
    );
    expect(announced.map((a) => (a.data as { action: string }).action)).toEqual([
      'create',
      'receive',
      'accept',
    ]);
    expect(announced[2].data).toMatchObject({
      schema: 'ipe.referral.v1',
      referral: { referralNo: r.referralNo, kind: 'jurisdiction', state: 'closed' },
      from: { id: ids[HZ] },
      to: { id: ids[NJ] },
    });
  });

  it('returns a transfer, loses the grant, and the common superior designates jurisdiction', async () => {
    const c = await newCase('关于杭州某某鞋业有限公司涉嫌侵犯注册商标专用权案');
    const r = (await refer('officer.zj', c.id, jurisdiction()).expect(201)).body;
    await as('officer.js').get(`/api/v1/cases/${c.id}`).expect(200);
    expect(
      (await step('officer.js', r.id, 'return', { version: r.version }).expect(400)).body.errors[0].field,
    ).toBe('reason');
    const returned = (
      await step('officer.js', r.id, 'return', {
        version: r.version,
        reason: '侵权行为地与被请求人住所地均不在本市',
      }).expect(200)
    ).body;
    expect(returned).toMatchObject({ state: 'returned', clock: 'negotiation' });
    await as('officer.js').get(`/api/v1/cases/${c.id}`).expect(403);

    const escalated = (
      await step('officer.zj', r.id, 'escalate', {
        version: returned.version,
        reason: '协商不成，报请指定管辖',
      }).expect(200)
    ).body;
    // 浙江 and 江苏 share no region: the national level (an administrator here) designates.
    expect(escalated).toMatchObject({ state: 'escalated', superiorRegionCode: null, clock: 'designation' });
    await step('supervisor.zj', r.id, 'designate', {
      version: escalated.version,
      reason: '指定南京管辖',
      designatedOfficeId: ids[NJ],
    }).expect(403);
    const designated = (
      await step('admin', r.id, 'designate', {
        version: escalated.version,
        reason: '被请求人住所地在南京，指定南京市局管辖',
        designatedOfficeId: ids[NJ],
      }).expect(200)
    ).body;
    expect(designated).toMatchObject({ state: 'designated', designatedOffice: { id: ids[NJ] } });
    const moved = (await as('officer.js').get(`/api/v1/cases/${c.id}`).expect(200)).body;
    expect(moved).toMatchObject({ officeId: ids[NJ], regionCode: '320102' });
    const travel = (await as('officer.js').get(`/api/v1/cases/${c.id}/travel`).expect(200)).body;
    expect(travel.stops.map((s: { how: string }) => s.how)).toEqual(['registered', 'designated']);
  });

  it('lets the province designate between two of its cities, keeping the case where it is', async () => {
    const c = await newCase('关于杭州某某服饰有限公司涉嫌侵犯注册商标专用权案');
    const r = (
      await refer(
        'officer.zj',
        c.id,
        jurisdiction({ toOfficeId: ids[NB], targetRegionCode: '330203' }),
      ).expect(201)
    ).body;
    // No officer of 宁波 uses the system here: the province's supervisor acts for it.
    const returned = (
      await step('supervisor.zj', r.id, 'return', { version: r.version, reason: '不属本局管辖' }).expect(200)
    ).body;
    const escalated = (
      await step('officer.zj', r.id, 'escalate', {
        version: returned.version,
        reason: '报请省局指定',
      }).expect(200)
    ).body;
    expect(escalated.superiorRegionCode).toBe('330000');
    await step('supervisor.js', r.id, 'designate', {
      version: escalated.version,
      reason: 'x',
      designatedOfficeId: ids[HZ],
    }).expect(403);
    const designated = (
      await step('supervisor.zj', r.id, 'designate', {
        version: escalated.version,
        reason: '侵权行为地在杭州，由杭州市局管辖',
        designatedOfficeId: ids[HZ],
      }).expect(200)
    ).body;
    expect(designated.state).toBe('designated');
    const still = (await as('officer.zj').get(`/api/v1/cases/${c.id}`).expect(200)).body;
    expect(still).toMatchObject({ officeId: ids[HZ], caseNo: c.caseNo });
  });

  it('asks for assistance, answers it, and refuses answers once the case has moved', async () => {
    const c = await newCase('关于杭州某某电子有限公司涉嫌侵犯注册商标专用权案');
    expect(
      (
        await refer('officer.zj', c.id, { kind: 'assistance', toOfficeId: ids[NJ], reason: '核查' }).expect(
          400,
        )
      ).body.errors[0].field,
    ).toBe('request');
    const a = (
      await refer('officer.zj', c.id, {
        kind: 'assistance',
        toOfficeId: ids[NJ],
        reason: '被请求人仓库位于南京',
        request: '请核实南京市玄武区某路1号仓库的实际经营者并协助查封涉案商品',
      }).expect(201)
    ).body;
    expect(a).toMatchObject({ state: 'sent', clock: 'response' });
    const accepted = (await step('officer.js', a.id, 'accept', { version: a.version }).expect(200)).body;
    expect(accepted).toMatchObject({
      state: 'accepted',
      clock: 'answer',
      ruleId: 'referral.assistance.answer',
    });
    const answered = (
      await step('officer.js', accepted.id, 'answer', {
        version: accepted.version,
        answer: '经核实，仓库实际经营者为王某，已查封商品200箱。',
      }).expect(200)
    ).body;
    expect(answered).toMatchObject({ state: 'answered', answer: expect.stringContaining('王某') });
    const closed = (await step('officer.zj', a.id, 'close', { version: answered.version }).expect(200)).body;
    expect(closed.state).toBe('closed');
    await as('officer.js').get(`/api/v1/cases/${c.id}`).expect(403);

    // A second request, then the case moves to 宁波: 南京 can no longer take up the request.
    const b = (
      await refer('officer.zj', c.id, {
        kind: 'assistance',
        toOfficeId: ids[NJ],
        reason: '补充核查',
        request: '请调取某物流公司发货记录',
      }).expect(201)
    ).body;
    const j = (
      await refer(
        'officer.zj',
        c.id,
        jurisdiction({ toOfficeId: ids[NB], targetRegionCode: '330203' }),
      ).expect(201)
    ).body;
    await step('supervisor.zj', j.id, 'accept', { version: j.version }).expect(200);
    const late = await step('officer.js', b.id, 'accept', { version: b.version }).expect(409);
    expect(late.body.code).toBe('CASE_MOVED');
  });

  it('runs a joint action with one referral per participant under one lead', async () => {
    const c = await newCase('关于杭州某某箱包有限公司涉嫌侵犯注册商标专用权案');
    const first = (
      await refer('officer.zj', c.id, {
        kind: 'joint',
        toOfficeIds: [ids[NJ], ids[SZ]],
        reason: '跨省制售假冒箱包',
        request: '11月30日同步对南京、苏州两处仓库开展联合执法',
      }).expect(201)
    ).body;
    expect(first.group).toHaveLength(1);
    const all = await t.db.sql(
      `SELECT to_office_id, state FROM referrals WHERE group_id = $1 ORDER BY referral_no`,
      [first.groupId],
    );
    expect(all.map((r) => r.to_office_id).sort()).toEqual([ids[NJ], ids[SZ]].sort());
    const nj =
      first.to.id === ids[NJ]
        ? first
        : (await as('officer.zj').get(`/api/v1/referrals/${first.group[0].id}`)).body;
    const sz =
      first.to.id === ids[SZ]
        ? first
        : (await as('officer.zj').get(`/api/v1/referrals/${first.group[0].id}`)).body;
    await step('officer.js', nj.id, 'accept', { version: nj.version }).expect(200);
    await step('officer.js', sz.id, 'accept', { version: sz.version }).expect(403); // 南京 cannot act for 苏州
    await step('supervisor.js', sz.id, 'accept', { version: sz.version }).expect(200);
  });

  it('transfers a suspected crime: the team reports, the head approves, the clocks run, the case waits for the police', async () => {
    const c = await newCase('关于杭州某某贸易有限公司涉嫌假冒注册商标罪案');
    const base = {
      kind: 'criminal',
      toOfficeId: ids[HZ_POLICE],
      reason: '涉嫌假冒注册商标罪',
      caseSummary: '当事人销售假冒注册商标商品，非法经营数额30万元。',
      suspicionBasis: '非法经营数额在五万元以上（刑法第二百一十三条及司法解释）',
      valueInvolvedFen: 30_000_000,
      caseHandling: 'suspend',
    };
    const lone = await refer('officer.zj', c.id, { ...base, teamUserIds: [ids['officer.zj']] }).expect(400);
    expect(lone.body.errors[0].field).toBe('teamUserIds');
    const notPolice = await refer('officer.zj', c.id, {
      ...base,
      toOfficeId: ids[NJ],
      teamUserIds: [ids['officer.zj'], ids['officer2.zj']],
    }).expect(400);
    expect(notPolice.body.errors[0].code).toBe('NOT_COMPETENT');
    const before = Date.now();
    const p = (
      await refer('officer.zj', c.id, {
        ...base,
        teamUserIds: [ids['officer.zj'], ids['officer2.zj']],
      }).expect(201)
    ).body;
    expect(p).toMatchObject({ state: 'proposed', clock: 'approval', ruleId: 'referral.criminal.approval' });
    // Approval within 3 natural days: the end of the third day after today (Asia/Shanghai).
    expect(new Date(p.dueAt).getTime() - before).toBeGreaterThan(2 * 86_400_000);
    expect(new Date(p.dueAt).getTime() - before).toBeLessThan(4 * 86_400_000);
    await step('officer.zj', p.id, 'approve', { version: p.version }).expect(403);
    const approved = (await step('head.hz', p.id, 'approve', { version: p.version }).expect(200)).body;
    expect(approved).toMatchObject({ state: 'approved', clock: 'transfer' });
    expect(new Date(approved.dueAt).getTime() - new Date(approved.approvedAt).getTime()).toBe(24 * 3_600_000);
    const sent = (await step('officer.zj', p.id, 'send', { version: approved.version }).expect(200)).body;
    expect(sent).toMatchObject({ state: 'sent', clock: 'police_decision' });
    expect((await as('officer.zj').get(`/api/v1/cases/${c.id}`).expect(200)).body.status).toBe('suspended');

    // The police decline; the office asks them to reconsider, then goes to the procuratorate.
    expect(
      (
        await step('officer.zj', p.id, 'police_refuse', { version: sent.version, reason: '证据不足' }).expect(
          400,
        )
      ).body.errors[0].field,
    ).toBe('documentDate');
    const today = shanghaiDate(new Date());
    const refused = (
      await step('officer.zj', p.id, 'police_refuse', {
        version: sent.version,
        reason: '认为证据不足，不予立案',
        documentDate: today,
      }).expect(200)
    ).body;
    expect(refused).toMatchObject({ state: 'police_refused', clock: 'reconsideration_request' });
    const asked = (
      await step('officer.zj', p.id, 'request_reconsideration', {
        version: refused.version,
        reason: '补充了鉴定意见',
      }).expect(200)
    ).body;
    const upheld = (
      await step('officer.zj', p.id, 'reconsideration_refused', {
        version: asked.version,
        reason: '维持不予立案',
        documentDate: today,
      }).expect(200)
    ).body;
    expect(upheld).toMatchObject({ state: 'reconsideration_refused', clock: 'procuratorate' });
    const returned = (
      await step('officer.zj', p.id, 'close', {
        version: upheld.version,
        reason: '接受公安机关决定，继续行政处理',
      }).expect(200)
    ).body;
    expect(returned.state).toBe('closed');
    expect((await as('officer.zj').get(`/api/v1/cases/${c.id}`).expect(200)).body.status).toBe(
      'investigating',
    );
  });

  it('blocks closing a case while its criminal transfer is open, and ends it when the police open a case', async () => {
    const c = await newCase('关于杭州某某酒业有限公司涉嫌销售假冒注册商标的商品罪案');
    const p = (
      await refer('officer.zj', c.id, {
        kind: 'criminal',
        toOfficeId: ids[HZ_POLICE],
        reason: '涉嫌销售假冒注册商标的商品罪',
        caseSummary: '销售假冒白酒，销售金额8万元。',
        suspicionBasis: '销售金额在五万元以上',
        teamUserIds: [ids['officer.zj'], ids['officer2.zj']],
        caseHandling: 'continue',
      }).expect(201)
    ).body;
    // Walk the administrative case to where it could close.
    const act = (action: string, body: object) =>
      as('officer.zj').post(`/api/v1/cases/${c.id}/actions/${action}`, body);
    const notified = (
      await act('notify', {
        version: c.version,
        outcome: 'penalty',
        facts: '销售假冒白酒。',
        legalBasis: '《中华人民共和国商标法》第六十条第二款',
        fineFen: 1_000_000,
      }).expect(200)
    ).body;
    const decided = (
      await act('decide', {
        version: notified.version,
        outcome: 'penalty',
        facts: '销售假冒白酒。',
        legalBasis: '《中华人民共和国商标法》第六十条第二款',
        fineFen: 1_000_000,
        defenceHeard: true,
      }).expect(200)
    ).body;
    const served = (await act('serve_decision', { version: decided.version }).expect(200)).body;
    const blocked = await act('close', { version: served.version }).expect(409);
    expect(blocked.body.code).toBe('CRIMINAL_TRANSFER_OPEN');

    const approved = (await step('head.hz', p.id, 'approve', { version: p.version }).expect(200)).body;
    const sent = (await step('officer.zj', p.id, 'send', { version: approved.version }).expect(200)).body;
    expect((await as('officer.zj').get(`/api/v1/cases/${c.id}`).expect(200)).body.status).toBe(served.status);
    const today = shanghaiDate(new Date());
    const filed = (
      await step('officer.zj', p.id, 'police_file', { version: sent.version, documentDate: today }).expect(
        200,
      )
    ).body;
    expect(filed).toMatchObject({ state: 'police_filed', clock: 'exhibits' });
    expect((await as('officer.zj').get(`/api/v1/cases/${c.id}`).expect(200)).body).toMatchObject({
      status: 'transferred_police',
      nextDueAt: null,
    });
    const done = (
      await step('officer.zj', p.id, 'hand_over_exhibits', { version: filed.version }).expect(200)
    ).body;
    expect(done.state).toBe('closed');
    expect(done.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'approve',
      'send',
      'police_file',
      'hand_over_exhibits',
    ]);
  });

  it('refuses unknown actions and referrals it cannot read', async () => {
    const c = await newCase('关于杭州某某食品有限公司涉嫌侵犯注册商标专用权案');
    const r = (await refer('officer.zj', c.id, jurisdiction()).expect(201)).body;
    expect((await step('officer.js', r.id, 'explode', { version: r.version }).expect(409)).body.code).toBe(
      'INVALID_TRANSITION',
    );
    expect((await step('officer.js', r.id, 'receive', {}).expect(400)).body.code).toBe('VALIDATION_FAILED');
    await as('supervisor.zj').get(`/api/v1/referrals/${r.id}`).expect(200);
    const stranger = await t.login('officer3.zj');
    await t
      .http()
      .get(`/api/v1/referrals/${r.id}`)
      .set('authorization', `Bearer ${stranger.token}`)
      .expect(200); // same office as the sender
    await as('officer.js').get('/api/v1/referrals/00000000-0000-0000-0000-000000000000').expect(404);
  });

  it('accepts a signed referral from a partner system once, and refuses forged, stale and replayed ones', async () => {
    await as('officer.zj').post('/api/v1/partners', { name: 'x', officeId: ids['江苏省公安厅'] }).expect(403);
    const partner = (
      await as('admin')
        .post('/api/v1/partners', { name: '上海市知识产权执法系统', officeId: ids[SZ] })
        .expect(201)
    ).body;
    expect(partner.secret.length).toBeGreaterThanOrEqual(32);
    const url = `/api/v1/public/partners/${partner.id}/referrals`;
    const body = JSON.stringify({
      externalId: 'SH-2026-0042',
      kind: 'assistance',
      toOfficeId: ids[NJ],
      reason: '被请求人在南京设有仓库',
      request: '请协助核实南京仓库库存',
      case: { title: '上海某某公司侵犯注册商标专用权案', ipType: 'trademark', caseNo: '沪知执〔2026〕42号' },
    });
    const send = (payload: string, opts: { key?: string; ts?: number; secret?: string } = {}) => {
      const ts = opts.ts ?? Math.floor(Date.now() / 1000);
      return t
        .http()
        .post(url)
        .set('content-type', 'application/json')
        .set('x-ipe-timestamp', String(ts))
        .set('x-ipe-signature', signWebhook(opts.secret ?? partner.secret, ts, payload))
        .set('idempotency-key', opts.key ?? 'key-0042')
        .send(payload);
    };
    const count = async () =>
      (await t.db.sql(`SELECT count(*)::int AS n FROM referrals WHERE partner_id = $1`, [partner.id]))[0].n;

    expect((await send(body, { secret: 'not-the-secret-not-the-secret-000' }).expect(401)).body.code).toBe(
      'UNAUTHENTICATED',
    );
    await send(body, { ts: Math.floor(Date.now() / 1000) - 600 }).expect(401); // replayed after 10 minutes
    await t.http().post(url).set('content-type', 'application/json').send(body).expect(401); // unsigned
    const tampered = body.replace('南京仓库', '苏州仓库');
    await t
      .http()
      .post(url)
      .set('content-type', 'application/json')
      .set('x-ipe-timestamp', String(Math.floor(Date.now() / 1000)))
      .set('x-ipe-signature', signWebhook(partner.secret, Math.floor(Date.now() / 1000), body))
      .set('idempotency-key', 'key-0042')
      .send(tampered)
      .expect(401);
    const bad = await send(JSON.stringify({ ...JSON.parse(body), kind: 'criminal' }), {
      key: 'key-bad',
    }).expect(400);
    expect(bad.body.errors[0].field).toBe('kind');
    expect(await count()).toBe(0);

    const first = await send(body).expect(201);
    expect(first.body).toMatchObject({ state: 'sent', externalId: 'SH-2026-0042' });
    const again = await send(body).expect(200); // the same request retried: the same referral
    expect(again.body.id).toBe(first.body.id);
    expect((await send(tampered).expect(409)).body.code).toBe('CONFLICT'); // same key, other body
    expect((await send(body, { key: 'key-other' }).expect(409)).body.code).toBe('CONFLICT'); // same externalId
    expect(await count()).toBe(1);

    // The receiving office works it like any referral; its answer goes out on referral.changed.
    const r = (await as('officer.js').get(`/api/v1/referrals/${first.body.id}`).expect(200)).body;
    expect(r).toMatchObject({
      case: { id: null, title: '上海某某公司侵犯注册商标专用权案' },
      partner: { id: partner.id },
    });
    const accepted = (await step('officer.js', r.id, 'accept', { version: r.version }).expect(200)).body;
    await step('officer.js', r.id, 'answer', { version: accepted.version, answer: '库存约300箱。' }).expect(
      200,
    );
    const out = await t.db.sql(
      `SELECT payload->'data'->>'action' AS action FROM outbox WHERE topic = 'referral.changed'
         AND payload->'data'->'referral'->>'id' = $1 ORDER BY id`,
      [r.id],
    );
    expect(out.map((o) => o.action)).toEqual(['accept', 'answer']);
    await as('admin').post(`/api/v1/partners/${partner.id}/active`, { active: false }).expect(200);
    await send(body, { key: 'key-after' }).expect(401);
  });

  it('suggests the offices with jurisdiction by the rule of the IP type', async () => {
    const offline = await newCase('关于杭州某某茶叶有限公司涉嫌侵犯注册商标专用权案');
    const place = (
      await as('officer.zj').get(`/api/v1/cases/${offline.id}/referrals/suggestions`).expect(200)
    ).body;
    expect(place.rule).toMatchObject({ id: 'jurisdiction.penalty' });
    expect(place.offices).toEqual([
      expect.objectContaining({ office: expect.objectContaining({ id: ids[HZ] }), current: true }),
    ]);

    // Online: the merchant's place of business (its credit code registered in 南京玄武区) decides.
    const body = '91320102MA1XY5120';
    const code = `${body}${usccCheckCharacter(body)}`;
    const c = (
      await as('officer.zj')
        .post('/api/v1/cases', {
          title: '关于某网店涉嫌销售侵犯注册商标专用权商品案',
          ipType: 'trademark',
          procedure: 'penalty_trademark',
          source: 'ecommerce',
          regionCode: '330106',
          online: true,
          officerIds: [ids['officer.zj'], ids['officer2.zj']],
          parties: [{ role: 'respondent', kind: 'enterprise', name: '南京某某电子商务有限公司', uscc: code }],
        })
        .expect(201)
    ).body;
    const online = (await as('officer.zj').get(`/api/v1/cases/${c.id}/referrals/suggestions`).expect(200))
      .body;
    expect(online.rule).toMatchObject({ id: 'jurisdiction.online', confidence: 'V' });
    expect(online.offices).toEqual([
      expect.objectContaining({
        office: expect.objectContaining({ id: ids[NJ] }),
        regionCode: '320102',
        current: false,
        bases: [
          expect.objectContaining({ code: 'operator_domicile' }),
          expect.objectContaining({ code: 'place_of_business' }),
        ],
      }),
    ]);
    await as('officer.js').get(`/api/v1/cases/${c.id}/referrals/suggestions`).expect(403);
  });
});
