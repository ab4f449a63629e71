import { shanghaiDate } from '@app/domain';
import { createHash } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';

/** Whole journeys through the case API over HTTP, against the real PostgreSQL. */
describe('cases (e2e)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const USERS = [
    'officer.zj',
    'officer2.zj',
    'officer3.zj',
    'head.hz',
    'officer.js',
    'supervisor.zj',
    'admin',
    'operator.zj',
  ];

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
    put: (url: string, body: object) =>
      t.http().put(url).set('authorization', `Bearer ${tokens[user]}`).send(body),
    del: (url: string) => t.http().delete(url).set('authorization', `Bearer ${tokens[user]}`),
  });
  const today = shanghaiDate(new Date());
  const HZ = '杭州市市场监督管理局（杭州市知识产权局）';

  const trademarkCase = (extra: object = {}) => ({
    title: '关于杭州某某贸易有限公司涉嫌侵犯“西湖龙井”注册商标专用权案',
    ipType: 'trademark',
    procedure: 'penalty_trademark',
    source: 'ex_officio',
    regionCode: '330106',
    officerIds: [ids['officer.zj'], ids['officer2.zj']],
    parties: [
      { role: 'respondent', kind: 'enterprise', name: '杭州某某贸易有限公司', uscc: '91330106MA2CFXX47J' },
      { role: 'claimant', kind: 'individual', name: '张三', idNumber: '11010519491231002X' },
    ],
    rights: [{ number: '1234567', title: '西湖龙井', holder: '杭州西湖龙井茶协会' }],
    ...extra,
  });
  const act = (user: string, id: string, action: string, body: object) =>
    as(user).post(`/api/v1/cases/${id}/actions/${action}`, body);

  it('lists the officers an office may assign, to those who may act for it', async () => {
    const hz = (await as('officer.zj').get('/api/v1/cases/assignable-officers').expect(200)).body;
    expect(hz.map((o: { username: string }) => o.username).sort()).toEqual([
      'head.hz',
      'officer.zj',
      'officer2.zj',
      'officer3.zj',
    ]);
    await as('officer.js').get(`/api/v1/cases/assignable-officers?officeId=${ids[HZ]}`).expect(403);
    await as('supervisor.zj').get(`/api/v1/cases/assignable-officers?officeId=${ids[HZ]}`).expect(200);
  });

  it('publishes the workflow tables', async () => {
    const catalog = (await as('officer.zj').get('/api/v1/workflows').expect(200)).body;
    expect(catalog.procedures.map((p: { code: string }) => p.code)).toContain('patent_adjudication');
    expect(catalog.evidence.extensions).toContain('pdf');
    const wf = (await as('officer.zj').get('/api/v1/workflows/patent_adjudication').expect(200)).body;
    const closing = wf.deadlineRules.find((r: { key: string }) => r.key === 'closing');
    expect(closing).toMatchObject({ amount: 3, unit: 'MONTH', source: { article: '第三十七条' } });
    expect((await as('officer.zj').get('/api/v1/workflows/nope').expect(404)).body.code).toBe('NOT_FOUND');
  });

  it('takes a trademark penalty case from registration to archive', async () => {
    const created = await as('officer.zj').post('/api/v1/cases', trademarkCase()).expect(201);
    const c = created.body;
    expect(c).toMatchObject({ status: 'registered', caseNo: null, version: 1 });
    const filing = c.deadlines.find((d: { key: string }) => d.key === 'filing');
    expect(filing).toMatchObject({ amount: 15, unit: 'WD', status: 'open', source: { article: '第十八条' } });
    expect(c.actions.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['file', 'not_file']),
    );
    expect(c.actions.map((a: { action: string }) => a.action)).not.toContain('extend'); // officers cannot approve

    const filed = (await act('officer.zj', c.id, 'file', { version: 1 }).expect(200)).body;
    expect(filed.status).toBe('investigating');
    expect(filed.caseNo).toMatch(/^杭知执〔\d{4}〕\d+号$/);
    const closing = filed.deadlines.find((d: { key: string; status: string }) => d.key === 'closing');
    expect(closing).toMatchObject({ amount: 90, unit: 'ND', status: 'open' });
    expect(filed.deadlines.find((d: { key: string }) => d.key === 'filing').status).toBe('met');

    // The clock stops for an appraisal and runs again on resumption.
    const suspended = (
      await act('officer.zj', c.id, 'suspend', {
        version: filed.version,
        pauseKind: 'appraisal',
        reason: '送检鉴定',
      }).expect(200)
    ).body;
    expect(suspended.status).toBe('suspended');
    expect(
      suspended.deadlines.find(
        (d: { key: string; status: string }) => d.key === 'closing' && d.status === 'open',
      ),
    ).toMatchObject({ dueDate: null, suspendedSince: today });
    const resumed = (await act('officer.zj', c.id, 'resume', { version: suspended.version }).expect(200))
      .body;
    expect(resumed.status).toBe('investigating');

    // Deciding needs the pre-decision notice first.
    expect(
      (await act('officer.zj', c.id, 'decide', { version: resumed.version, outcome: 'penalty' }).expect(400))
        .body.code,
    ).toBe('VALIDATION_FAILED');
    const notified = (
      await act('officer.zj', c.id, 'notify', {
        version: resumed.version,
        outcome: 'penalty',
        facts: '当事人销售侵犯注册商标专用权的商品共计120盒。',
        legalBasis: '《中华人民共和国商标法》第五十七条第（三）项、第六十条第二款',
        fineFen: 5_000_000,
      }).expect(200)
    ).body;
    expect(notified.status).toBe('notified');
    expect(notified.documents.map((d: { kind: string }) => d.kind)).toEqual(['penalty_notice']);
    const decideBody = {
      outcome: 'penalty',
      facts: '经查，当事人销售侵犯注册商标专用权的商品共计120盒。',
      legalBasis: '《中华人民共和国商标法》第六十条第二款',
      fineFen: 5_000_000,
      confiscatedFen: 120_000,
    };
    const early = await act('officer.zj', c.id, 'decide', {
      version: notified.version,
      ...decideBody,
    }).expect(400);
    expect(early.body.errors.map((e: { code: string }) => e.code)).toContain('DEFENCE_WINDOW_OPEN');
    const decided = (
      await act('officer.zj', c.id, 'decide', {
        version: notified.version,
        ...decideBody,
        defenceHeard: true,
      }).expect(200)
    ).body;
    expect(decided).toMatchObject({ status: 'decided', outcome: 'penalty', fineFen: 5_000_000 });
    const decision = decided.documents.find((d: { kind: string }) => d.kind === 'penalty_decision');
    expect(decision.docNo).toMatch(/^杭知执罚决〔\d{4}〕\d+号$/);

    // The decision document downloads intact.
    const file = await as('officer.zj')
      .get(`/api/v1/cases/${c.id}/documents/${decision.id}/content`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (b: Buffer) => chunks.push(b));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(
      createHash('sha256')
        .update(file.body as Buffer)
        .digest('hex'),
    ).toBe(decision.sha256);

    expect(
      (await act('officer.zj', c.id, 'close', { version: decided.version }).expect(400)).body.errors[0].code,
    ).toBe('DECISION_NOT_SERVED');
    const served = (await act('officer.zj', c.id, 'serve_decision', { version: decided.version }).expect(200))
      .body;
    const executing = (await act('officer.zj', c.id, 'execute', { version: served.version }).expect(200))
      .body;
    const closed = (await act('officer.zj', c.id, 'close', { version: executing.version }).expect(200)).body;
    expect(closed).toMatchObject({ status: 'closed', closedOn: today, nextDueAt: null });
    const archived = (await act('officer.zj', c.id, 'archive', { version: closed.version }).expect(200)).body;
    expect(archived.status).toBe('archived');
    expect(archived.actions).toEqual([]);

    const timeline = (await as('officer.zj').get(`/api/v1/cases/${c.id}/timeline`).expect(200)).body;
    const actions = timeline
      .filter((e: { kind: string }) => e.kind === 'event')
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'case.registered',
      'case.file',
      'case.suspend',
      'case.resume',
      'case.notify',
      'case.decide',
      'case.serve_decision',
      'case.execute',
      'case.close',
      'case.archive',
    ]);
    expect(
      timeline.some(
        (e: { kind: string; action: string }) => e.kind === 'notification' && e.action === 'case.assigned',
      ),
    ).toBe(true);
  });

  it('refuses illegal transitions with clear 4xx and changes nothing', async () => {
    const c = (
      await as('officer.zj')
        .post('/api/v1/cases', trademarkCase({ officerIds: [ids['officer.zj']] }))
        .expect(201)
    ).body;
    // One officer only.
    const one = await act('officer.zj', c.id, 'file', { version: 1 }).expect(400);
    expect(one.body.errors[0]).toMatchObject({ field: 'officers', code: 'TOO_FEW_OFFICERS' });
    // Wrong state.
    expect((await act('officer.zj', c.id, 'close', { version: 1 }).expect(409)).body.code).toBe(
      'INVALID_TRANSITION',
    );
    // Unknown action.
    expect((await act('officer.zj', c.id, 'explode', { version: 1 }).expect(404)).body.code).toBe(
      'NOT_FOUND',
    );
    // Wrong role: extending needs a head of department.
    const ext = {
      version: 1,
      extension: { deadlineKey: 'filing', level: 'department_head', amount: 5 },
      reason: '案情复杂',
    };
    expect((await act('officer.zj', c.id, 'extend', ext).expect(403)).body.code).toBe('FORBIDDEN');
    // Stale version.
    expect(
      (await act('officer.zj', c.id, 'not_file', { version: 7, reason: 'x', legalBasis: 'y' }).expect(409))
        .body.code,
    ).toBe('STALE_VERSION');
    // Another province cannot read or act.
    expect((await as('officer.js').get(`/api/v1/cases/${c.id}`).expect(403)).body.code).toBe('OUT_OF_SCOPE');
    expect((await act('officer.js', c.id, 'file', { version: 1 }).expect(403)).body.code).toBe(
      'OUT_OF_SCOPE',
    );
    // Operators have no access to cases.
    await as('operator.zj').get('/api/v1/cases').expect(403);
    const after = (await as('officer.zj').get(`/api/v1/cases/${c.id}`).expect(200)).body;
    expect(after).toMatchObject({ status: 'registered', version: 1 });
  });

  it('validates identifiers of parties and rights', async () => {
    const bad = await as('officer.zj')
      .post(
        '/api/v1/cases',
        trademarkCase({
          parties: [
            { role: 'respondent', kind: 'enterprise', name: '某公司', uscc: '91330106MA2CFXX4' },
            { role: 'claimant', kind: 'individual', name: '李四', idNumber: '110105194912310021' },
          ],
          rights: [{ number: '12AB' }],
        }),
      )
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'parties[0].uscc',
      'parties[1].idNumber',
      'rights[0].number',
    ]);
    const before = (await t.db.sql(`SELECT count(*)::int AS n FROM cases`))[0].n;
    expect(before).toBeGreaterThanOrEqual(0);
    await as('officer.zj')
      .post('/api/v1/cases', trademarkCase({ regionCode: '320100' }))
      .expect(400);
    expect((await t.db.sql(`SELECT count(*)::int AS n FROM cases`))[0].n).toBe(before);
  });

  it('needs an odd panel of three to file a patent adjudication, and extends by level', async () => {
    const body = {
      title: '某公司诉某某电器专利侵权纠纷案',
      ipType: 'patent_utility',
      procedure: 'patent_adjudication',
      source: 'request',
      regionCode: '330100',
      officerIds: [ids['officer.zj'], ids['officer2.zj']],
      parties: [
        { role: 'respondent', kind: 'enterprise', name: '杭州某某电器有限公司', uscc: '91330106MA2CFXX47J' },
      ],
    };
    const c = (await as('officer.zj').post('/api/v1/cases', body).expect(201)).body;
    const two = await act('officer.zj', c.id, 'file', { version: 1 }).expect(400);
    expect(two.body.errors[0].code).toBe('PANEL_SIZE');
    const panel = (
      await as('officer.zj')
        .put(`/api/v1/cases/${c.id}/officers`, {
          version: 1,
          officerIds: [ids['officer.zj'], ids['officer2.zj'], ids['officer3.zj']],
        })
        .expect(200)
    ).body;
    const filed = (await act('officer.zj', c.id, 'file', { version: panel.version }).expect(200)).body;
    const closing = filed.deadlines.find((d: { key: string }) => d.key === 'closing');
    expect(closing).toMatchObject({ amount: 3, unit: 'MONTH' });
    // Department head extends by one month; the next extension must come from the next level up.
    const wrongLevel = await act('head.hz', c.id, 'extend', {
      version: filed.version,
      extension: { deadlineKey: 'closing', level: 'next_level', amount: 1 },
      reason: '案情复杂',
    }).expect(400);
    expect(wrongLevel.body.errors[0].code).toBe('APPROVER_LEVEL');
    const tooLong = await act('head.hz', c.id, 'extend', {
      version: filed.version,
      extension: { deadlineKey: 'closing', level: 'department_head', amount: 2 },
      reason: '案情复杂',
    }).expect(400);
    expect(tooLong.body.errors[0].code).toBe('EXTENSION_LENGTH');
    const extended = (
      await act('head.hz', c.id, 'extend', {
        version: filed.version,
        extension: { deadlineKey: 'closing', level: 'department_head', amount: 1 },
        reason: '案情复杂',
      }).expect(200)
    ).body;
    const after = extended.deadlines.find(
      (d: { key: string; status: string }) => d.key === 'closing' && d.status === 'open',
    );
    expect(after.extensions).toHaveLength(1);
    expect(after.dueDate > closing.dueDate).toBe(true);
    const next = extended.actions.find((a: { action: string }) => a.action === 'extend');
    expect(next.extendable.find((e: { deadlineKey: string }) => e.deadlineKey === 'closing')).toMatchObject({
      level: 'next_level',
      max: 2,
    });
  });

  it('lets exactly one of 50 parallel conflicting actions win', async () => {
    const c = (await as('officer.zj').post('/api/v1/cases', trademarkCase()).expect(201)).body;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2
          ? act('officer.zj', c.id, 'file', { version: 1 })
          : act('officer2.zj', c.id, 'not_file', {
              version: 1,
              reason: '不属于本机关管辖',
              legalBasis: '第十八条',
            }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const row = (await t.db.sql(`SELECT version, status FROM cases WHERE id = $1`, [c.id]))[0];
    expect(row.version).toBe(2);
    const events = await t.db.sql(`SELECT count(*)::int AS n FROM audit_events WHERE stream = $1`, [
      `case:${c.id}`,
    ]);
    expect(events[0].n).toBe(2);
  });

  it('numbers filed cases gap-free per office and year under concurrency', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, () => as('officer.zj').post('/api/v1/cases', trademarkCase()).expect(201)),
    );
    await Promise.all(created.map((r) => act('officer.zj', r.body.id, 'file', { version: 1 }).expect(200)));
    const rows = await t.db.sql(
      `SELECT case_seq FROM cases WHERE office_id = $1 AND case_year = $2 ORDER BY case_seq`,
      [ids[HZ], Number(today.slice(0, 4))],
    );
    const seqs = rows.map((r) => r.case_seq as number);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('edits the description with the version read, and lists the working days left', async () => {
    const c = (await as('officer.zj').post('/api/v1/cases', trademarkCase()).expect(201)).body;
    const edited = (
      await t
        .http()
        .patch(`/api/v1/cases/${c.id}`)
        .set('authorization', `Bearer ${tokens['officer.zj']}`)
        .send({ version: 1, title: '关于某公司涉嫌侵权案（更名）', major: true, valueFen: 3_600_000 })
        .expect(200)
    ).body;
    expect(edited).toMatchObject({ version: 2, major: true, valueFen: 3_600_000 });
    const stale = await t
      .http()
      .patch(`/api/v1/cases/${c.id}`)
      .set('authorization', `Bearer ${tokens['officer.zj']}`)
      .send({ version: 1, online: true })
      .expect(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    await t
      .http()
      .patch(`/api/v1/cases/${c.id}`)
      .set('authorization', `Bearer ${tokens['officer.zj']}`)
      .send({ version: 2, valueFen: -1 })
      .expect(400);
    const found = (
      await as('officer.zj')
        .get(`/api/v1/cases?q=${encodeURIComponent('（更名）')}`)
        .expect(200)
    ).body;
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([c.id]);
    // 15 working days for the filing review, from today.
    expect(found.items[0].workingDaysLeft).toBe(15);
  });

  it('lists with filters, free text and scope', async () => {
    const list = (await as('officer.zj').get('/api/v1/cases?pageSize=5&ipType=trademark').expect(200)).body;
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.totalExact).toBe(true);
    expect(list.items.every((i: { ipType: string }) => i.ipType === 'trademark')).toBe(true);
    const found = (
      await as('officer.zj')
        .get(`/api/v1/cases?q=${encodeURIComponent('某某贸易')}`)
        .expect(200)
    ).body;
    expect(found.total).toBeGreaterThan(0);
    const byCredit = (await as('officer.zj').get('/api/v1/cases?q=91330106MA2CFXX47J').expect(200)).body;
    expect(byCredit.total).toBeGreaterThanOrEqual(found.total);
    const filedOne = (await t.db.sql(`SELECT id, case_no FROM cases WHERE case_no IS NOT NULL LIMIT 1`))[0];
    const byNumber = (
      await as('officer.zj')
        .get(`/api/v1/cases?q=${encodeURIComponent(filedOne.case_no as string)}`)
        .expect(200)
    ).body;
    expect(byNumber.items.map((i: { id: string }) => i.id)).toEqual([filedOne.id]);
    const none = (await as('officer.js').get('/api/v1/cases').expect(200)).body;
    expect(none.total).toBe(0);
    await as('officer.js').get('/api/v1/cases?regionCode=330100').expect(403);
    const soon = (await as('officer.zj').get('/api/v1/cases?dueWithinDays=60&overdue=false').expect(200))
      .body;
    expect(soon.total).toBeGreaterThan(0);
    expect(soon.items.every((i: { workingDaysLeft: number }) => i.workingDaysLeft >= 0)).toBe(true);
    const mine = (await as('officer3.zj').get('/api/v1/cases?mine=true').expect(200)).body;
    expect(mine.items.every((i: { procedure: string }) => i.procedure === 'patent_adjudication')).toBe(true);
    const bad = await as('officer.zj').get('/api/v1/cases?status=nonsense&sort=sideways').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});
