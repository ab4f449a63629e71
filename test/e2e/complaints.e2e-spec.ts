import { shanghaiDate } from '@app/domain';
import { createTestApp, TestApp } from '../support/test-app';

/** 12330 intake over HTTP: the operator console's API and the public form and tracking page. */
describe('complaints (e2e)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const offices: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_COMPLAINT_RATE_PER_MINUTE: '8' });
    for (const u of ['operator.zj', 'officer.zj', 'officer.js']) tokens[u] = (await t.login(u)).token;
    for (const r of await t.db.sql(`SELECT id, name FROM offices`))
      offices[r.name as string] = r.id as string;
  });
  afterAll(() => t.close());

  const as = (user: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', `Bearer ${tokens[user]}`),
    post: (url: string, body: object) =>
      t.http().post(url).set('authorization', `Bearer ${tokens[user]}`).send(body),
  });
  const complaint = (extra: object = {}) => ({
    channel: 'phone',
    category: 'complaint',
    complainantName: '张三',
    complainantPhone: '13800138000',
    respondentName: '杭州某某贸易有限公司',
    respondentUscc: '91330106MA2CFXX47J',
    ipType: 'trademark',
    rightNumber: '1234567',
    regionCode: '330106',
    description: '在西湖区某茶叶店发现假冒“西湖龙井”商标的茶叶<script>alert(1)</script>',
    ...extra,
  });
  const count = async () => (await t.db.sql(`SELECT count(*)::int AS n FROM complaints`))[0].n as number;

  it('records a phone complaint, routes it to the competent office and gives the tracking number', async () => {
    const res = await as('operator.zj').post('/api/v1/complaints', complaint()).expect(201);
    const today = shanghaiDate(new Date());
    expect(res.body.trackingNo).toMatch(new RegExp(`^12330-${today.replace(/-/g, '').slice(2)}-\\d{6}$`));
    // Trademark in 西湖区: the district bureau has trademark competence.
    expect(res.body).toMatchObject({
      state: 'received',
      officeName: '杭州市西湖区市场监督管理局',
      ruleId: 'intake.complaint',
      confidential: false,
    });
    expect(res.body.description).toContain('<script>'); // stored as text; the UI escapes it
    expect(res.body.dueDate > today).toBe(true);
    const next = await as('operator.zj')
      .post('/api/v1/complaints', complaint({ category: 'report' }))
      .expect(201);
    expect(next.body.trackingNo > res.body.trackingNo).toBe(true);
    expect(next.body).toMatchObject({ confidential: true, ruleId: 'intake.report' });
    const notice = await t.db.sql(
      `SELECT payload FROM outbox WHERE topic = 'complaint.received' ORDER BY id LIMIT 1`,
    );
    expect((notice[0].payload as { to: { office: { id: string } } }).to.office.id).toBe(
      offices['杭州市西湖区市场监督管理局'],
    );
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const before = await count();
    const res = await as('operator.zj')
      .post(
        '/api/v1/complaints',
        complaint({
          anonymous: true,
          rightNumber: '12AB',
          regionCode: '999999',
          complainantPhone: 'call me',
        }),
      )
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'anonymous',
      'complainantPhone',
      'regionCode',
      'rightNumber',
    ]);
    await as('operator.zj')
      .post('/api/v1/complaints', complaint({ channel: 'pigeon' }))
      .expect(400);
    expect(await count()).toBe(before);
  });

  it('shows possible duplicates by credit code, right number, phone and a similar name', async () => {
    const hits = (
      await as('operator.zj')
        .get(`/api/v1/complaints/duplicates?respondentUscc=91330106MA2CFXX47J`)
        .expect(200)
    ).body;
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits[0].reasons).toContain('respondent_uscc');
    const byName = (
      await as('operator.zj')
        .get(`/api/v1/complaints/duplicates?respondentName=${encodeURIComponent('杭州某某贸易公司')}`)
        .expect(200)
    ).body;
    expect(byName[0].reasons).toEqual(['respondent_name']);
    expect(byName[0].similarity).toBeGreaterThan(0.3);
    const none = (await as('operator.zj').get(`/api/v1/complaints/duplicates?phone=13900000000`).expect(200))
      .body;
    expect(none).toEqual([]);
    // Another province sees none of them.
    const other = (
      await as('officer.js')
        .get(`/api/v1/complaints/duplicates?respondentUscc=91330106MA2CFXX47J`)
        .expect(200)
    ).body;
    expect(other).toEqual([]);
  });

  it('keeps other regions out and lists the caller history by phone', async () => {
    const mine = (await as('operator.zj').get('/api/v1/complaints?phone=13800138000').expect(200)).body;
    expect(mine.total).toBe(2);
    const res = await as('officer.js').get(`/api/v1/complaints/${mine.items[0].id}`).expect(403);
    expect(res.body.code).toBe('OUT_OF_SCOPE');
  });

  it('makes a double submit of the public form one complaint, and tracks it without personal data', async () => {
    const body = complaint({ channel: undefined, complainantPhone: '13912345678' });
    const key = 'form-2026-11-25-abcdef';
    const first = await t
      .http()
      .post('/api/v1/public/complaints')
      .set('idempotency-key', key)
      .send(body)
      .expect(201);
    const again = await t
      .http()
      .post('/api/v1/public/complaints')
      .set('idempotency-key', key)
      .send(body)
      .expect(200);
    expect(again.body.trackingNo).toBe(first.body.trackingNo);
    const changed = await t
      .http()
      .post('/api/v1/public/complaints')
      .set('idempotency-key', key)
      .send({ ...body, description: '另一件事' })
      .expect(409);
    expect(changed.body.code).toBe('CONFLICT');
    await t.http().post('/api/v1/public/complaints').send(body).expect(400);
    const rows = await t.db.sql(`SELECT count(*)::int AS n FROM complaints WHERE tracking_no = $1`, [
      first.body.trackingNo,
    ]);
    expect(rows[0].n).toBe(1);

    const tracked = await t
      .http()
      .get(`/api/v1/public/complaints/${first.body.trackingNo}?phoneLast4=5678`)
      .expect(200);
    expect(tracked.body).toEqual({
      trackingNo: first.body.trackingNo,
      category: 'complaint',
      state: 'received',
      receivedOn: expect.any(String),
      officeName: '杭州市西湖区市场监督管理局',
      answer: null,
      caseNumber: null,
      caseState: null,
      mergedInto: null,
    });
    expect(JSON.stringify(tracked.body)).not.toMatch(/张三|13912345678|某某贸易/);
    await t.http().get(`/api/v1/public/complaints/${first.body.trackingNo}?phoneLast4=0000`).expect(404);
  });

  it('triages, accepts, refuses and answers by the table, with role, state and version checks', async () => {
    const c = (await as('operator.zj').post('/api/v1/complaints', complaint()).expect(201)).body;
    const act = (user: string, action: string, body: object) =>
      as(user).post(`/api/v1/complaints/${c.id}/actions/${action}`, body);
    // Operators route; deciding is for officers. A complaint goes to another office by a referral, not directly.
    expect((await act('operator.zj', 'accept', { version: 1 }).expect(403)).body.code).toBe('FORBIDDEN');
    expect(
      (
        await act('operator.zj', 'transfer', {
          version: 1,
          officeId: offices['杭州市市场监督管理局（杭州市知识产权局）'],
          reason: '涉及全市连锁门店',
        }).expect(404)
      ).body.code,
    ).toBe('NOT_FOUND');
    const unknownOffice = await act('operator.zj', 'triage', {
      version: 1,
      officeId: '00000000-0000-4000-8000-000000000000',
    }).expect(400);
    expect(unknownOffice.body.errors[0].field).toBe('officeId');
    const moved = (
      await act('operator.zj', 'triage', {
        version: 1,
        officeId: offices['杭州市市场监督管理局（杭州市知识产权局）'],
        reason: '涉及全市连锁门店，由市局统一处理',
      }).expect(200)
    ).body;
    expect(moved).toMatchObject({
      state: 'triaged',
      officeName: '杭州市市场监督管理局（杭州市知识产权局）',
      version: 2,
    });
    // The office it was routed to is told, as the first one was at intake.
    const notices = await t.db.sql(
      `SELECT payload FROM outbox WHERE topic = 'complaint.received' AND payload->'data'->>'complaintId' = $1 ORDER BY id`,
      [c.id],
    );
    expect(notices).toHaveLength(2);
    expect((notices[1].payload as { data: { officeId: string } }).data.officeId).toBe(
      offices['杭州市市场监督管理局（杭州市知识产权局）'],
    );
    expect((await act('officer.zj', 'accept', { version: 1 }).expect(409)).body.code).toBe('STALE_VERSION');
    const refused = await act('officer.zj', 'refuse', { version: 2, refusalGround: 'other' }).expect(400);
    expect(refused.body.errors[0].field).toBe('reason');
    const accepted = (await act('officer.zj', 'accept', { version: 2 }).expect(200)).body;
    expect(accepted.state).toBe('accepted');
    expect(
      (await act('officer.zj', 'refuse', { version: 3, refusalGround: 'handled_elsewhere' }).expect(409)).body
        .code,
    ).toBe('INVALID_TRANSITION');
    const met = await t.db.sql(`SELECT clock_met_at FROM complaints WHERE id = $1`, [c.id]);
    expect(met[0].clock_met_at).not.toBeNull();
    // A complaint cannot be "answered" like a consultation.
    expect((await act('officer.zj', 'answer', { version: 3, answer: 'x' }).expect(409)).body.code).toBe(
      'INVALID_TRANSITION',
    );
    const q = (
      await as('operator.zj')
        .post('/api/v1/complaints', {
          channel: 'phone',
          category: 'consultation',
          anonymous: true,
          description: '如何申请维权援助？',
        })
        .expect(201)
    ).body;
    const answered = (
      await as('operator.zj')
        .post(`/api/v1/complaints/${q.id}/actions/answer`, {
          version: 1,
          answer: '可向本中心提交维权援助申请表及权利证明。',
        })
        .expect(200)
    ).body;
    expect(answered.state).toBe('answered');
  });

  it("withholds a confidential reporter's identity from everyone but the handling office and the operator", async () => {
    const r = (
      await as('operator.zj')
        .post(
          '/api/v1/complaints',
          complaint({ category: 'report', complainantName: '李举报', complainantPhone: '13700001111' }),
        )
        .expect(201)
    ).body;
    expect(r).toMatchObject({
      confidential: true,
      complainantName: '李举报',
      officeName: '杭州市西湖区市场监督管理局',
    });
    // officer.zj works for the city bureau: it can see the complaint in its region, not who reported it.
    const seen = (await as('officer.zj').get(`/api/v1/complaints/${r.id}`).expect(200)).body;
    expect(seen).toMatchObject({
      complainantName: '（保密）',
      complainantPhone: null,
      complainantIdNumber: null,
    });
    const listed = (await as('officer.zj').get('/api/v1/complaints?category=report').expect(200)).body;
    expect(JSON.stringify(listed)).not.toContain('李举报');
    expect((await as('operator.zj').get(`/api/v1/complaints/${r.id}`).expect(200)).body.complainantName).toBe(
      '李举报',
    );
  });

  it('answers a flood of the public form with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await t
        .http()
        .post('/api/v1/public/complaints')
        .set('idempotency-key', `flood-key-${i}-xxxxxx`)
        .send(complaint({ channel: undefined }));
      statuses.push(r.status);
    }
    expect(statuses).toContain(429);
    const last = await t
      .http()
      .post('/api/v1/public/complaints')
      .set('idempotency-key', 'flood-last-xxxx')
      .send({});
    expect(last.status).toBe(429);
    expect(last.body.code).toBe('RATE_LIMITED');
  });
});
