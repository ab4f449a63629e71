import { createTestApp, TestApp } from '../support/test-app';

/**
 * Referrals of complaints between offices in 浙江 and 江苏 (issue 6): a transfer to the competent office (the
 * complainant told first, the receiver reading the complaint by the referral's grant, the complaint moving on
 * acceptance with a new acceptance clock, no onward transfer), a return escalated to the common superior, an
 * assistance request, and the refusals of bad input.
 */
describe('complaint referrals (e2e)', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const HZ = '杭州市市场监督管理局（杭州市知识产权局）';
  const NJ = '南京市市场监督管理局（南京市知识产权局）';
  const SZ = '苏州市市场监督管理局（苏州市知识产权局）';

  beforeAll(async () => {
    t = await createTestApp();
    await t.signIn('operator.zj', 'officer.zj', 'supervisor.zj', 'officer.js', 'supervisor.js', 'admin');
    for (const r of await t.db.sql(`SELECT id, name FROM offices`)) ids[r.name as string] = r.id as string;
  });
  afterAll(() => t.close());

  /** A trademark complaint about 西湖区, routed to 杭州市局 (officer.zj's office). */
  const newComplaint = async (extra: object = {}) => {
    const c = (
      await t
        .as('operator.zj')
        .post('/api/v1/complaints', {
          channel: 'phone',
          category: 'complaint',
          complainantName: '张三',
          complainantPhone: '13800138000',
          respondentName: '南京某某贸易有限公司',
          respondentUscc: '91320102MA1X4B7Y2H',
          ipType: 'trademark',
          rightNumber: '1234567',
          regionCode: '330106',
          description: '网店销售假冒注册商标的茶叶，经营者住所地在南京市玄武区',
          ...extra,
        })
        .expect(201)
    ).body;
    return (
      await t
        .as('operator.zj')
        .post(`/api/v1/complaints/${c.id}/actions/triage`, { version: c.version, officeId: ids[HZ] })
        .expect(200)
    ).body;
  };
  const refer = (user: string, complaintId: string, body: object) =>
    t.as(user).post(`/api/v1/complaints/${complaintId}/referrals`, body);
  const step = (user: string, id: string, action: string, body: object) =>
    t.as(user).post(`/api/v1/referrals/${id}/actions/${action}`, body);
  const act = (user: string, complaintId: string, action: string, body: object) =>
    t.as(user).post(`/api/v1/complaints/${complaintId}/actions/${action}`, body);
  const transfer = (extra: object = {}) => ({
    kind: 'jurisdiction',
    toOfficeId: ids[NJ],
    reason: '被投诉人住所地在南京市玄武区，由南京市局处理',
    legalBasis: '《市场监督管理投诉举报处理暂行办法》第十二条',
    ...extra,
  });

  it('transfers a complaint: complainant told, receiver reads it, acceptance moves it with a new clock', async () => {
    const c = await newComplaint();
    const before = (await t.db.sql(`SELECT due_at FROM complaints WHERE id = $1`, [c.id]))[0];

    // Bad input changes nothing.
    const bad = async (body: object, field: string, user = 'officer.zj') => {
      const res = await refer(user, c.id, body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      return res.body.errors[0];
    };
    expect(await bad(transfer({ toOfficeId: ids[HZ] }), 'toOfficeId')).toMatchObject({ code: 'SAME_OFFICE' });
    expect(await bad(transfer({ toOfficeId: ids['江苏省版权局'] }), 'toOfficeId')).toMatchObject({
      code: 'NOT_COMPETENT',
    });
    await bad(transfer({ kind: 'joint', request: '联合检查' }), 'kind');
    await bad(transfer({ kind: 'criminal' }), 'kind');
    await bad(transfer({ legalBasis: undefined }), 'legalBasis');
    await bad(transfer({ targetRegionCode: '320102' }), 'targetRegionCode');
    await bad(transfer({ evidenceIds: ['00000000-0000-4000-8000-000000000000'] }), 'evidenceIds');
    await refer('operator.zj', c.id, transfer()).expect(403);
    // The other province neither reads nor refers it.
    await refer('officer.js', c.id, transfer({ toOfficeId: ids[SZ] })).expect(403);
    await t.as('officer.js').get(`/api/v1/complaints/${c.id}`).expect(403);
    expect(await t.db.sql(`SELECT 1 FROM referrals WHERE complaint_id = $1`, [c.id])).toEqual([]);

    // Trademark infringement goes by the place of violation (domain.md §3): the handling office is the suggestion.
    const suggestions = (
      await t.as('officer.zj').get(`/api/v1/complaints/${c.id}/referrals/suggestions`).expect(200)
    ).body;
    expect(suggestions.rule).not.toBeNull();
    expect(
      suggestions.offices.map((o: { office: { id: string }; current: boolean }) => [o.office.id, o.current]),
    ).toEqual([[ids[HZ], true]]);

    const r = (await refer('officer.zj', c.id, transfer()).expect(201)).body;
    expect(r).toMatchObject({
      kind: 'jurisdiction',
      state: 'sent',
      case: { id: null, caseNo: null },
      complaint: { id: c.id, trackingNo: c.trackingNo, state: 'triaged' },
      evidence: [],
    });
    // The complainant is told before the transfer.
    expect(r.requesterToldAt).not.toBeNull();
    const told = await t.db.sql(
      `SELECT payload FROM outbox WHERE topic = 'complaint.decided' AND payload->'data'->>'complaintId' = $1`,
      [c.id],
    );
    expect(told).toHaveLength(1);
    expect(told[0].payload).toMatchObject({ to: { phones: ['13800138000'] }, data: { outcome: 'transfer' } });
    expect((await refer('officer.zj', c.id, transfer()).expect(409)).body.code).toBe('REFERRAL_OPEN');

    // While the transfer is open the sender decides nothing on the complaint.
    const held = await act('officer.zj', c.id, 'accept', { version: c.version }).expect(409);
    expect(held.body).toMatchObject({ code: 'REFERRAL_OPEN' });
    expect(held.body.detail).toContain(r.referralNo);

    // The receiver reads the complaint by the referral's grant, but cannot act on it yet.
    const read = (await t.as('officer.js').get(`/api/v1/complaints/${c.id}`).expect(200)).body;
    expect(read.grantedBy).toBe(`referral ${r.referralNo}`);
    await act('officer.js', c.id, 'accept', { version: c.version }).expect(403);
    const listed = (await t.as('officer.js').get(`/api/v1/complaints/${c.id}/referrals`).expect(200)).body;
    expect(listed.map((x: { id: string }) => x.id)).toEqual([r.id]);
    const incoming = (
      await t.as('officer.js').get(`/api/v1/referrals?direction=incoming&complaintId=${c.id}`).expect(200)
    ).body;
    expect(incoming.items.map((x: { id: string }) => x.id)).toEqual([r.id]);

    const accepted = (await step('officer.js', r.id, 'accept', { version: r.version }).expect(200)).body;
    expect(accepted).toMatchObject({ state: 'closed', open: false });

    // The complaint is now 南京's, with the same tracking number and the acceptance limit counted from the move.
    const moved = (await t.as('officer.js').get(`/api/v1/complaints/${c.id}`).expect(200)).body;
    expect(moved).toMatchObject({
      officeId: ids[NJ],
      trackingNo: c.trackingNo,
      state: 'triaged',
      grantedBy: null,
    });
    const after = (await t.db.sql(`SELECT due_at FROM complaints WHERE id = $1`, [c.id]))[0];
    expect(new Date(after.due_at as string).getTime()).toBeGreaterThanOrEqual(
      new Date(before.due_at as string).getTime(),
    );
    const audit = await t.db.sql(
      `SELECT data FROM audit_events WHERE entity_id = $1 AND action = 'complaint.moved'`,
      [c.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].data).toMatchObject({ fromOfficeId: ids[HZ], toOfficeId: ids[NJ], how: 'accepted' });
    const tracked = (
      await t.http().get(`/api/v1/public/complaints/${c.trackingNo}?phoneLast4=8000`).expect(200)
    ).body;
    expect(tracked.officeName).toBe(NJ);

    // 不得再自行移送: 南京 cannot send it on; it decides on it instead.
    const onward = await refer('officer.js', c.id, transfer({ toOfficeId: ids[SZ] })).expect(409);
    expect(onward.body.code).toBe('ONWARD_TRANSFER_FORBIDDEN');
    await act('officer.js', c.id, 'accept', { version: moved.version }).expect(200);

    // Partner systems get the steps as referral.changed JSON naming the complaint (no personal data).
    const announced = await t.db.sql(
      `SELECT payload->'data' AS data FROM outbox WHERE topic = 'referral.changed'
         AND payload->'data'->'referral'->>'id' = $1 ORDER BY id`,
      [r.id],
    );
    expect(announced.map((a) => (a.data as { action: string }).action)).toEqual(['create', 'accept']);
    expect(announced[1].data).toMatchObject({
      schema: 'ipe.referral.v1',
      caseId: null,
      complaintId: c.id,
      complaint: { id: c.id, trackingNo: c.trackingNo, category: 'complaint' },
      case: { id: null },
    });
    expect(JSON.stringify(announced)).not.toMatch(/张三|13800138000/);
  });

  it('keeps a returned complaint with the sender until it closes the referral or the superior designates', async () => {
    const c = await newComplaint();
    const r = (await refer('officer.zj', c.id, transfer()).expect(201)).body;
    const returned = (
      await step('officer.js', r.id, 'return', { version: r.version, reason: '侵权行为地在杭州' }).expect(200)
    ).body;
    expect(returned.state).toBe('returned');
    // The grant ends with the return.
    await t.as('officer.js').get(`/api/v1/complaints/${c.id}`).expect(403);
    // The sender must close the returned referral (keep the complaint) or escalate it before deciding.
    const held = await act('officer.zj', c.id, 'accept', { version: c.version }).expect(409);
    expect(held.body.detail).toContain('escalate');

    const escalated = (
      await step('officer.zj', r.id, 'escalate', {
        version: returned.version,
        reason: '双方协商未果',
      }).expect(200)
    ).body;
    // 浙江 and 江苏 share no region: the national level (an administrator here) designates.
    expect(escalated).toMatchObject({ state: 'escalated', superiorRegionCode: null });
    await step('supervisor.js', r.id, 'designate', {
      version: escalated.version,
      reason: '由南京市局管辖',
      designatedOfficeId: ids[NJ],
    }).expect(403);
    const designated = (
      await step('admin', r.id, 'designate', {
        version: escalated.version,
        reason: '被投诉人住所地在南京，由南京市局管辖',
        designatedOfficeId: ids[NJ],
      }).expect(200)
    ).body;
    expect(designated).toMatchObject({ state: 'designated', designatedOffice: { id: ids[NJ] } });
    const moved = (await t.as('officer.js').get(`/api/v1/complaints/${c.id}`).expect(200)).body;
    expect(moved.officeId).toBe(ids[NJ]);
    const audit = await t.db.sql(
      `SELECT data FROM audit_events WHERE entity_id = $1 AND action = 'complaint.moved'`,
      [c.id],
    );
    expect(audit[0].data).toMatchObject({ how: 'designated', referralNo: r.referralNo });
  });

  it('asks another office for assistance on a complaint; steps after the complaint moved are refused', async () => {
    const c = await newComplaint();
    // A decided complaint is not transferred, but assistance may still be asked.
    const accepted = (await act('officer.zj', c.id, 'accept', { version: c.version }).expect(200)).body;
    const late = await refer('officer.zj', c.id, transfer()).expect(409);
    expect(late.body.code).toBe('INVALID_TRANSITION');
    const assistance = {
      kind: 'assistance',
      toOfficeId: ids[NJ],
      reason: '被投诉人住所地在南京市玄武区',
      request: '请协助核实被投诉人的实际经营地址',
    };
    const noRequest = await refer('officer.zj', c.id, { ...assistance, request: undefined }).expect(400);
    expect(noRequest.body.errors[0].field).toBe('request');
    const r = (await refer('officer.zj', c.id, assistance).expect(201)).body;
    expect(r.requesterToldAt).toBeNull();

    // The receiver reads the complaint while it helps; the sender goes on handling it meanwhile.
    expect((await t.as('officer.js').get(`/api/v1/complaints/${c.id}`).expect(200)).body.grantedBy).toBe(
      `referral ${r.referralNo}`,
    );
    const took = (await step('officer.js', r.id, 'accept', { version: r.version }).expect(200)).body;
    const answered = (
      await step('officer.js', r.id, 'answer', {
        version: took.version,
        answer: '经核实，被投诉人实际经营地址为南京市玄武区某路1号',
      }).expect(200)
    ).body;
    expect(answered.state).toBe('answered');
    const closed = (await step('officer.zj', r.id, 'close', { version: answered.version }).expect(200)).body;
    expect(closed.state).toBe('closed');
    await t.as('officer.js').get(`/api/v1/complaints/${c.id}`).expect(403);
    expect(accepted.state).toBe('accepted');

    // An assistance request whose complaint has since moved to another office can no longer be handled.
    const other = await newComplaint();
    const ask = (await refer('officer.zj', other.id, { ...assistance, toOfficeId: ids[SZ] }).expect(201))
      .body;
    const moving = (await refer('officer.zj', other.id, transfer()).expect(201)).body;
    await step('officer.js', moving.id, 'accept', { version: moving.version }).expect(200);
    const stale = await step('supervisor.js', ask.id, 'receive', { version: ask.version }).expect(409);
    expect(stale.body.code).toBe('CASE_MOVED');
    expect(stale.body.detail).toContain('complaint');
  });

  it('leaves an anonymous complainant untold and refuses a complaint already filed as a case', async () => {
    const anon = await newComplaint({
      category: 'report',
      anonymous: true,
      complainantName: undefined,
      complainantPhone: undefined,
    });
    const r = (await refer('officer.zj', anon.id, transfer()).expect(201)).body;
    expect(r.requesterToldAt).toBeNull();
    const withdrawn = (
      await step('officer.zj', r.id, 'withdraw', { version: r.version, reason: '经核实由本局处理' }).expect(
        200,
      )
    ).body;
    expect(withdrawn.state).toBe('withdrawn');

    const c = await newComplaint();
    const accepted = (await act('officer.zj', c.id, 'accept', { version: c.version }).expect(200)).body;
    await t
      .as('officer.zj')
      .post(`/api/v1/complaints/${c.id}/convert`, {
        version: accepted.version,
        procedure: 'penalty_trademark',
      })
      .expect(200);
    const filed = await refer('officer.zj', c.id, {
      kind: 'assistance',
      toOfficeId: ids[NJ],
      reason: '协查',
      request: '请协助核实地址',
    }).expect(409);
    expect(filed.body.detail).toContain('refer the case');
  });
});
