import { CaseService } from '@app/cases';
import { StatsProjector, StatsQueryService, StatsReconciler } from '@app/stats';
import ExcelJS from 'exceljs';
import { demoIds, insertCase, zhejiangSupervisor, type FixtureCase } from '../support/stats-fixture';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Supervisor statistics (issue 8) against a hand-computed fixture in March–May 2025 (the demo data is all in the last
 * few months, so nothing else falls in the period). Working days are counted by hand on the 2025 calendar: 清明
 * 4-4 … 4-6 off; 劳动节 5-1 … 5-5 off with Sunday 4-27 worked.
 *
 * Zhejiang (supervisor.zj), after case E moved to Nanjing:
 *   A 杭州 trademark, filed 3-05, suspended [4-01, 4-08), decided 4-10 (limit 6-03: on time), closed 4-30, ¥50,000:
 *     gross (3-05, 4-30] = 18 (March) + 22 (April, with 4-27) = 40 WD; the pause covers 4-01, 4-02, 4-03, 4-07 = 4;
 *     net 36.
 *   B 杭州 trademark, filed 3-12, decided 5-20 (limit 5-15: late), closed 5-30, ¥8,000:
 *     (3-12, 5-30] = 13 + 22 + 19 (May after the holiday) = 54 WD.
 *   C 宁波 design patent, filed 4-07, open, its limit passed (overdue now).
 *   D 杭州 trademark, not filed (closed 5-09).
 *   E filed 3-25 in 杭州, then transferred to 南京: counts in Jiangsu only.
 *   Complaints: K1 accepted in time, callback 5; K2 refused late, callback 3; K3 answered in time.
 *   Referrals: E to 南京 (sent 3-26, accepted 4-02: 5 WD), B to the 杭州 police (sent 5-21, filed 5-28: 5 WD).
 *   A credit listing published 4-20.
 */
describe('statistics (e2e)', () => {
  let t: TestApp;
  let projector: StatsProjector;
  const ids: Record<string, string> = {};
  const offices: Record<string, string> = {};
  const cases: Record<string, string> = {};
  const period = 'from=2025-03&to=2025-05';

  const project = () => projector.drain(500);

  beforeAll(async () => {
    // Open and overdue are compared right after a change: no reuse of the count.
    t = await createTestApp({ STATS_SNAPSHOT_SECONDS: '0' });
    projector = t.app.get(StatsProjector);
    await t.signIn('supervisor.zj', 'supervisor.js', 'officer.zj', 'admin');

    const demo = await demoIds(t.db);
    Object.assign(ids, demo.users);
    Object.assign(offices, demo.offices);
    const addCase = async (key: string, c: Omit<FixtureCase, 'title'>) => {
      cases[key] = await insertCase(t.db, demo, { ...c, title: `统计测试案件${key}` });
    };

    await addCase('A', {
      office: '杭知执',
      region: '330106',
      status: 'closed',
      received: '2025-03-03',
      filed: '2025-03-05',
      decided: '2025-04-10',
      closed: '2025-04-30',
      fineYuan: 50_000,
      officers: ['officer.zj', 'officer2.zj'],
      closing: { start: '2025-03-05', due: '2025-06-03', met: '2025-04-10' },
    });
    await t.db.sql(
      `INSERT INTO case_pauses (case_id, kind, from_date, to_date) VALUES ($1, 'suspension', '2025-04-01', '2025-04-08')`,
      [cases.A],
    );
    await addCase('B', {
      office: '杭知执',
      region: '330106',
      source: 'ex_officio',
      status: 'archived',
      received: '2025-03-10',
      filed: '2025-03-12',
      decided: '2025-05-20',
      closed: '2025-05-30',
      fineYuan: 8_000,
      officers: ['officer.zj'],
      closing: { start: '2025-03-12', due: '2025-05-15', met: '2025-05-20' },
    });
    await addCase('C', {
      office: '甬知执',
      region: '330203',
      ipType: 'patent_design',
      procedure: 'patent_adjudication',
      source: 'request',
      status: 'investigating',
      received: '2025-04-02',
      filed: '2025-04-07',
      nextDue: '2025-08-01T09:00:00+08:00',
      closing: { start: '2025-04-07', due: '2025-08-01', met: null },
    });
    await addCase('D', {
      office: '杭知执',
      region: '330106',
      status: 'not_filed',
      received: '2025-05-06',
      closed: '2025-05-09',
      officers: ['officer.zj'],
    });
    await addCase('E', {
      office: '杭知执',
      region: '330106',
      status: 'investigating',
      received: '2025-03-20',
      filed: '2025-03-25',
      officers: ['officer.zj'],
    });

    let seq = 0;
    const complaint = async (c: {
      received: string;
      decided: string;
      due: string;
      refused?: boolean;
      answer?: string;
      callback?: [string, number];
    }) =>
      t.db.sql(
        `INSERT INTO complaints (tracking_no, channel, category, complainant_name, description, ip_type, region_code,
                                 office_id, received_at, received_on, due_at, decided_at, clock_met_at, refusal_ground,
                                 answer, state, callback_at, satisfaction)
         VALUES ($1, 'phone', 'complaint', '王某', '统计测试投诉', 'trademark', '330106', $2,
                 ($3 || 'T09:00:00+08:00')::timestamptz, $3::date, ($4 || 'T23:59:59+08:00')::timestamptz,
                 ($5 || 'T10:00:00+08:00')::timestamptz, ($5 || 'T10:00:00+08:00')::timestamptz, $6, $7, 'closed',
                 ($8 || 'T15:00:00+08:00')::timestamptz, $9)`,
        [
          `TJ2025${String(++seq).padStart(6, '0')}`,
          offices['杭知执'],
          c.received,
          c.due,
          c.decided,
          c.refused ? 'not_competent' : null,
          c.answer ?? null,
          c.callback?.[0] ?? null,
          c.callback?.[1] ?? null,
        ],
      );
    await complaint({
      received: '2025-03-04',
      decided: '2025-03-10',
      due: '2025-03-19',
      callback: ['2025-04-15', 5],
    });
    await complaint({
      received: '2025-03-05',
      decided: '2025-03-25',
      due: '2025-03-20',
      refused: true,
      callback: ['2025-04-02', 3],
    });
    await complaint({ received: '2025-05-08', decided: '2025-05-09', due: '2025-05-20', answer: '已告知' });

    const referral = async (r: {
      caseKey: string;
      kind: string;
      to: string;
      sent: string;
      response: [string, string];
    }) => {
      const [row] = await t.db.sql(
        `INSERT INTO referrals (referral_no, kind, state, case_id, from_office_id, to_office_id, reason, sent_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, '统计测试', ($7 || 'T10:00:00+08:00')::timestamptz, $8) RETURNING id`,
        [
          `YS2025${r.caseKey}`,
          r.kind,
          r.response[1],
          cases[r.caseKey],
          offices['杭知执'],
          offices[r.to],
          r.sent,
          ids['officer.zj'],
        ],
      );
      await t.db.sql(
        `INSERT INTO referral_events (referral_id, action, from_state, to_state, at)
         VALUES ($1, 'send', 'approved', 'sent', ($2 || 'T10:00:00+08:00')::timestamptz),
                ($1, 'respond', 'sent', $3, ($4 || 'T16:00:00+08:00')::timestamptz)`,
        [row.id, r.sent, r.response[1], r.response[0]],
      );
    };
    await referral({
      caseKey: 'E',
      kind: 'jurisdiction',
      to: '宁知执',
      sent: '2025-03-26',
      response: ['2025-04-02', 'accepted'],
    });
    await referral({
      caseKey: 'B',
      kind: 'criminal',
      to: '杭公',
      sent: '2025-05-21',
      response: ['2025-05-28', 'police_filed'],
    });

    await t.db.sql(
      `INSERT INTO credit_listings (listing_no, state, ground, regime, legal_basis, facts, decision_no, decision_date,
                                    office_id, region_code, ip_type, subject_kind, subject_name, subject_uscc,
                                    proposed_by, publish_from, publish_until, published_at)
       VALUES ('XYT202500001', 'published', 'heavy_fine', 'samr_serious', '第九条', '—', '杭知执罚决〔2025〕1号',
               '2025-04-10', $1, '330106', 'trademark', 'enterprise', '杭州某某有限公司', '91330106MA2CFXX47J', $2,
               '2025-04-20', '2028-04-20', '2025-04-20T10:00:00+08:00')`,
      [offices['杭知执'], ids['supervisor.zj']],
    );
    await project();
  }, 180_000);
  afterAll(() => t.close());

  const summary = (user: string, query = '') => t.as(user).get(`/api/v1/stats/summary?${period}${query}`);

  it("keeps every indicator of the fixture, from the summaries, and moves a transferred case's counts", async () => {
    // E counts in Zhejiang until it moves.
    // Open and overdue are as of now, so the demo data's open cases count too: compared with the source tables.
    const openNow = async (province: string) =>
      (
        await t.db.sql(
          `SELECT count(*)::int AS open, count(*) FILTER (WHERE next_due_at < now())::int AS overdue FROM cases
            WHERE province_code = $1 AND status NOT IN ('closed', 'archived', 'not_filed', 'referred_out',
                                                        'transferred_police')`,
          [province],
        )
      )[0];
    let zj = (await summary('supervisor.zj').expect(200)).body;
    expect(zj.current.casesFiled).toBe(4);
    const zjBefore = await openNow('330000');
    expect(zj).toMatchObject(zjBefore);

    await t.db.sql(
      `UPDATE cases c SET office_id = $2, region_code = r.code, province_code = r.province_code, city_code = r.city_code
         FROM regions r WHERE c.id = $1 AND r.code = '320102'`,
      [cases.E, offices['宁知执']],
    );
    expect((await project()).entities).toBe(1);

    zj = (await summary('supervisor.zj').expect(200)).body;
    expect(zj.scope).toMatchObject({
      regionCode: '330000',
      level: 'province',
      from: '2025-03',
      to: '2025-05',
      previousFrom: '2024-12',
      previousTo: '2025-02',
      source: 'stats_monthly_province_total',
      pendingChanges: 0,
    });
    expect(zj.current).toEqual({
      casesReceived: 4,
      casesFiled: 3,
      casesClosed: 2,
      casesNotFiled: 1,
      closingRate: 0.6667,
      closingDue: 2,
      closedOnTime: 1,
      onTimeRate: 0.5,
      handled: 2,
      // Histogram [35, 40) ∋ 36 and [50, 55) ∋ 54: p50 = 35 + 1/1 × 5, p90 = 50 + 0.8/1 × 5.
      handlingP50Wd: 40,
      handlingP90Wd: 54,
      handlingMeanWd: 45,
      handlingMeanGrossWd: 47,
      fines: 2,
      finesSumYuan: 58_000,
      // [5,000, 10,000) ∋ 8,000 holds the median: 5,000 + 1/1 × 5,000.
      fineMedianYuan: 10_000,
      referralsSent: 2,
      // The 杭州 police received the criminal transfer (a Zhejiang office).
      referralsReceived: 1,
      referralResponseMeanWd: 5,
      criminalTransfers: 1,
      policeFiled: 1,
      policeAcceptanceRate: 1,
      complaintsReceived: 3,
      complaintsAccepted: 1,
      complaintsRefused: 1,
      complaintsAnswered: 1,
      complaintsTransferred: 0,
      complaintsDecidedOnTimeRate: 0.6667,
      callbacks: 2,
      satisfactionMean: 4,
      satisfiedShare: 0.5,
      listingsPublished: 1,
      listingsRemoved: 0,
    });
    expect(zj.previous.casesFiled).toBe(0);
    expect({ open: zj.open, overdue: zj.overdue }).toEqual(await openNow('330000'));
    expect(zj.open).toBe((zjBefore.open as number) - 1); // E left
    expect(zj.handlingHistogram.find((b: { fromWd: number }) => b.fromWd === 35).cases).toBe(1);
    expect(zj.handlingHistogram.find((b: { fromWd: number }) => b.fromWd === 50).cases).toBe(1);

    // The same indicators derived straight from the source tables (the benchmark's baseline) agree.
    const supervisor = zhejiangSupervisor({ users: ids, offices });
    const fromSource = await t.app
      .get(StatsQueryService)
      .summary(supervisor, { from: '2025-03', to: '2025-05' }, { from: 'source' });
    expect(fromSource.scope.source).toBe('source');
    expect(fromSource.current).toEqual(zj.current);
    expect({ open: fromSource.open, overdue: fromSource.overdue }).toEqual({
      open: zj.open,
      overdue: zj.overdue,
    });

    const js = (await summary('supervisor.js').expect(200)).body;
    expect(js.current).toMatchObject({
      casesReceived: 1,
      casesFiled: 1,
      referralsReceived: 1,
      referralResponseMeanWd: 5,
    });
    expect({ open: js.open, overdue: js.overdue }).toEqual(await openNow('320000'));
  });

  it('breaks down by month, child region, office and IP type, from the coarsest summary that holds them', async () => {
    const months = (await t.as('supervisor.zj').get(`/api/v1/stats/breakdown?${period}&by=month`).expect(200))
      .body;
    expect(
      months.rows.map((r: Record<string, unknown>) => [
        r.month,
        r.casesReceived,
        r.casesFiled,
        r.casesClosed,
      ]),
    ).toEqual([
      ['2025-03', 2, 2, 0],
      ['2025-04', 1, 1, 1],
      ['2025-05', 1, 0, 1],
    ]);
    const regions = (
      await t.as('supervisor.zj').get(`/api/v1/stats/breakdown?${period}&by=region`).expect(200)
    ).body;
    expect(regions.scope.source).toBe('stats_monthly_office_total');
    expect(
      Object.fromEntries(
        regions.rows.map((r: Record<string, unknown>) => [r.label, [r.casesReceived, r.casesFiled]]),
      ),
    ).toMatchObject({ 杭州市: [3, 2], 宁波市: [1, 1] });

    const byOffice = (
      await t.as('admin').get(`/api/v1/stats/breakdown?${period}&by=office&region=330000`).expect(200)
    ).body;
    const hz = byOffice.rows.find((r: { office: string }) => r.office === offices['杭知执']);
    expect(hz).toMatchObject({ casesReceived: 3, casesClosed: 2, onTimeRate: 0.5, referralsSent: 2 });
    expect(hz.label).toContain('杭州市市场监督管理局');

    const stacked = (
      await t.as('supervisor.zj').get(`/api/v1/stats/breakdown?${period}&by=month,ipType`).expect(200)
    ).body;
    const april = stacked.rows.filter((r: { month: string }) => r.month === '2025-04');
    expect(april.find((r: { ipType: string }) => r.ipType === 'patent_design')).toMatchObject({
      casesFiled: 1,
    });
    expect(april.find((r: { ipType: string }) => r.ipType === 'trademark')).toMatchObject({ casesClosed: 1 });

    // A filter narrows every family that has the dimension; complaints have no procedure, so they do not apply.
    const design = (await summary('supervisor.zj', '&ipType=patent_design').expect(200)).body;
    expect(design.current).toMatchObject({ casesFiled: 1, complaintsReceived: 0, fines: 0 });
    const penalty = (await summary('supervisor.zj', '&procedure=penalty_trademark').expect(200)).body;
    expect(penalty.scope.source).toBe('stats_monthly_province_detail');
    expect(penalty.current).toMatchObject({
      casesFiled: 2,
      complaintsReceived: null,
      satisfactionMean: null,
    });

    // A county is summed from the facts, through the same rules.
    const county = (await summary('supervisor.zj', '&region=330106').expect(200)).body;
    expect(county.scope).toMatchObject({ level: 'county', source: 'facts' });
    expect(county.current).toMatchObject({
      casesReceived: 3,
      casesClosed: 2,
      handlingMeanWd: 45,
      callbacks: 2,
    });
  });

  it('drills down to the case list: filed or closed in a month, by source', async () => {
    const titles = async (query: string) =>
      (await t.as('supervisor.zj').get(`/api/v1/cases?${query}`).expect(200)).body.items
        .map((c: { title: string }) => c.title.replace('统计测试案件', ''))
        .sort();
    expect(await titles('regionCode=330000&filedFrom=2025-03-01&filedTo=2025-03-31')).toEqual(['A', 'B']);
    expect(
      await titles('regionCode=330100&closedFrom=2025-05-01&closedTo=2025-05-31&status=closed,archived'),
    ).toEqual(['B']);
    expect(await titles('regionCode=330100&closedFrom=2025-05-01&closedTo=2025-05-31')).toEqual(['B', 'D']);
    expect(await titles('filedFrom=2025-03-01&filedTo=2025-05-31&source=ex_officio')).toEqual(['B']);
    // The drilled list downloads whole, streamed in keyset batches (two rows a batch here).
    const csv = await t
      .as('supervisor.zj')
      .get('/api/v1/cases/export?format=csv&regionCode=330000&filedFrom=2025-03-01&filedTo=2025-05-31')
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('案件名称');
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[2])
        .sort(),
    ).toEqual(['统计测试案件A', '统计测试案件B', '统计测试案件C']);
    const supervisor = zhejiangSupervisor({ users: ids, offices });
    const batches: number[] = [];
    for await (const batch of await t.app
      .get(CaseService)
      .exportList(supervisor, { regionCode: '330000', filedFrom: '2025-03-01', filedTo: '2025-05-31' }, 2)) {
      batches.push(batch.length);
    }
    expect(batches).toEqual([2, 1]);
    await t.as('supervisor.zj').get('/api/v1/cases/export?format=pdf').expect(400);
    await t.as('supervisor.zj').get('/api/v1/cases/export?format=csv&regionCode=320000').expect(403);
    await t.as('supervisor.zj').get('/api/v1/cases?filedFrom=2025-02-30').expect(400);
    await t.as('supervisor.zj').get('/api/v1/cases?source=rumour').expect(400);
  });

  it("lists the officers' workload of an office", async () => {
    const w = (
      await t
        .as('supervisor.zj')
        .get(`/api/v1/stats/workload?${period}&officeId=${offices['杭知执']}`)
        .expect(200)
    ).body;
    const row = (name: string) => w.rows.find((r: { userId: string }) => r.userId === ids[name]);
    expect(row('officer.zj')).toMatchObject({
      closed: 2,
      closingDue: 2,
      onTimeRate: 0.5,
      handlingMeanWd: 45,
    });
    expect(row('officer2.zj')).toMatchObject({ closed: 1, handlingMeanWd: 36 });
  });

  it('exports tables as CSV and XLSX that read back', async () => {
    const csv = await t
      .as('supervisor.zj')
      .get(`/api/v1/stats/breakdown?${period}&by=month&format=csv`)
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['月份代码', '名称', '登记案件', '立案']);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4))).toEqual([
      ['2025-03', '2025-03', '2', '2'],
      ['2025-04', '2025-04', '1', '1'],
      ['2025-05', '2025-05', '1', '0'],
    ]);

    const res = await t
      .as('supervisor.zj')
      .get(`/api/v1/stats/breakdown?${period}&by=region&format=xlsx`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(3).value).toBe('登记案件');
    const values = new Map<string, unknown>();
    sheet.eachRow((r, i) => i > 1 && values.set(String(r.getCell(2).value), r.getCell(3).value));
    expect(values.get('杭州市')).toBe(3);
    const rateCol = (sheet.getRow(1).values as unknown[]).indexOf('按期办结率');
    expect(sheet.getColumn(rateCol).numFmt).toBe('0.0%');
  });

  it('reconciles the summaries with the source, reports drift and repairs it', async () => {
    const reconciler = t.app.get(StatsReconciler);
    const clean = await reconciler.reconcile({ repair: true });
    expect(clean).toMatchObject({ factsDrifted: 0, cellsDrifted: 0, repaired: false });

    // A lost delta (a cell off by five) and a missed change (a fact that no longer matches its case).
    await t.db.sql(
      `UPDATE stats_monthly_province_total SET cases_filed = cases_filed + 5
        WHERE province_code = '330000' AND month = '2025-03-01'`,
    );
    await t.db.sql(`ALTER TABLE cases DISABLE TRIGGER stats_changed`);
    await t.db.sql(`UPDATE cases SET fine_fen = 900000 WHERE id = $1`, [cases.B]);
    await t.db.sql(`ALTER TABLE cases ENABLE TRIGGER stats_changed`);
    expect((await summary('supervisor.zj').expect(200)).body.current.casesFiled).toBe(8);

    const drift = await reconciler.reconcile({ repair: true });
    expect(drift).toMatchObject({ factsDrifted: 1, cellsDrifted: 1, repaired: true });
    expect(drift.sample).toEqual(
      expect.arrayContaining([
        { what: 'case fact', key: cases.B },
        { what: 'stats_monthly_province_total', key: '2025-03-01|330000' },
      ]),
    );
    await project(); // the re-queued fact
    const after = (await summary('supervisor.zj').expect(200)).body.current;
    expect(after.casesFiled).toBe(3);
    expect(after.finesSumYuan).toBe(59_000);
    expect(await reconciler.reconcile({ repair: false })).toMatchObject({ factsDrifted: 0, cellsDrifted: 0 });

    const runs = (await t.as('admin').get('/api/v1/stats/reconciliations').expect(200)).body;
    expect(runs[0]).toMatchObject({ factsDrifted: 0, cellsDrifted: 0 });
    expect(runs[1]).toMatchObject({ factsDrifted: 1, cellsDrifted: 1, repaired: true });
  });

  it('refuses bad input and regions outside the scope, changing nothing', async () => {
    const bad = async (query: string, field: string) => {
      const res = await t.as('supervisor.zj').get(`/api/v1/stats/summary?${query}`).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.body)).toContain(field);
    };
    await bad('from=2014-01&to=2026-12', 'from'); // 156 months
    await bad('from=2025-13', 'from');
    await bad('from=2025-06&to=2025-03', 'from');
    await bad('ipType=perfume', 'ipType');
    await bad('procedure=trial', 'procedure');
    await bad('colour=red', 'colour');
    await t.as('supervisor.zj').get(`/api/v1/stats/breakdown?${period}&by=month,office,ipType`).expect(400);
    await t.as('supervisor.zj').get(`/api/v1/stats/breakdown?${period}&by=weather`).expect(400);
    await t.as('supervisor.zj').get(`/api/v1/stats/workload?${period}`).expect(400);

    await t.as('supervisor.zj').get(`/api/v1/stats/summary?region=320000`).expect(403);
    await t.as('supervisor.zj').get(`/api/v1/stats/summary?officeId=${offices['宁知执']}`).expect(403);
    await t.as('officer.zj').get(`/api/v1/stats/summary`).expect(403);
    await t.as('supervisor.zj').get('/api/v1/stats/reconciliations').expect(403);
    expect((await t.as('admin').get(`/api/v1/stats/summary?${period}`).expect(200)).body.scope).toMatchObject(
      {
        regionCode: null,
        level: 'country',
      },
    );
  });
});
