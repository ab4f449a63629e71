import { addDays, dayOfWeek, shanghaiDate } from '@app/domain';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Intake works out routing and deadlines from caches of the offices, regions and calendar, and its write checks that
 * they are still current. These tests change that data behind the API's back — as another process or an admin's
 * SQL would — and expect every complaint to be worked out on the data as it is now, written once.
 */
describe('complaint intake on changed reference data (e2e)', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    token = (await t.login('operator.zj')).token;
  });
  afterAll(() => t.close());

  const post = (extra: object = {}) =>
    t
      .http()
      .post('/api/v1/complaints')
      .set('authorization', `Bearer ${token}`)
      .send({
        channel: 'phone',
        category: 'complaint',
        complainantName: '张三',
        complainantPhone: '13800138000',
        respondentName: '杭州某某贸易有限公司',
        ipType: 'trademark',
        rightNumber: '1234567',
        regionCode: '330106',
        description: '假冒注册商标的茶叶',
        ...extra,
      });
  /** The competent office by the SQL rule, read from the database now. */
  const competentNow = async (region: string) =>
    (
      await t.db.sql(
        `SELECT name FROM offices WHERE region_code = ANY($1) AND 'trademark' = ANY(competences) AND active
          ORDER BY region_code DESC, name LIMIT 1`,
        [[region, `${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`]],
      )
    )[0]?.name as string | undefined;

  it('routes to the office that is competent now when an office was deactivated meanwhile', async () => {
    const first = await post().expect(201);
    expect(first.body.officeName).toBe('杭州市西湖区市场监督管理局');
    await t.db.sql(`UPDATE offices SET active = false WHERE name = '杭州市西湖区市场监督管理局'`);
    try {
      const next = await post().expect(201);
      expect(next.body.officeName).not.toBe('杭州市西湖区市场监督管理局');
      expect(next.body.officeName).toBe(await competentNow('330106'));
      const [row] = await t.db.sql(
        `SELECT o.name FROM complaints c JOIN offices o ON o.id = c.office_id WHERE c.id = $1`,
        [next.body.id],
      );
      expect(row.name).toBe(next.body.officeName);
      // Choosing the inactive office is refused.
      const [inactive] = await t.db.sql(`SELECT id FROM offices WHERE name = '杭州市西湖区市场监督管理局'`);
      const refused = await post({ officeId: inactive.id }).expect(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['officeId']);
    } finally {
      await t.db.sql(`UPDATE offices SET active = true WHERE name = '杭州市西湖区市场监督管理局'`);
    }
    expect((await post().expect(201)).body.officeName).toBe('杭州市西湖区市场监督管理局');
  });

  it('counts the acceptance deadline on the calendar as it is now when a holiday was added meanwhile', async () => {
    const before = await post().expect(201);
    const today = shanghaiDate(new Date());
    // A weekday after today and before the deadline that is an ordinary working day.
    const taken = new Set(
      (await t.db.sql(`SELECT date::text AS d FROM calendar_days`)).map((r) => r.d as string),
    );
    let day = addDays(today, 1);
    while (day < before.body.dueDate && ([0, 6].includes(dayOfWeek(day)) || taken.has(day)))
      day = addDays(day, 1);
    expect(day < before.body.dueDate).toBe(true);
    await t.db.sql(
      `INSERT INTO calendar_days (date, kind, name, source) VALUES ($1, 'holiday', '测试假日', 'admin')`,
      [day],
    );
    try {
      const after = await post().expect(201);
      expect(after.body.dueDate > before.body.dueDate).toBe(true);
      const [row] = await t.db.sql(`SELECT due_date::text AS d FROM complaints WHERE id = $1`, [
        after.body.id,
      ]);
      expect(row.d).toBe(after.body.dueDate);
    } finally {
      await t.db.sql(`DELETE FROM calendar_days WHERE date = $1 AND source = 'admin' AND name = '测试假日'`, [
        day,
      ]);
    }
    expect((await post().expect(201)).body.dueDate).toBe(before.body.dueDate);
  });

  it('knows a region added meanwhile', async () => {
    await post().expect(201);
    await t.db.sql(
      `INSERT INTO regions (code, name, level, parent_code, province_code, city_code, version_date)
       VALUES ('330199', '测试新区', 'county', '330100', '330000', '330100', current_date)`,
    );
    const res = await post({ regionCode: '330199' }).expect(201);
    expect(res.body.regionName).toBe('测试新区');
    expect(res.body.officeName).toBe(await competentNow('330199'));
  });

  it('writes each complaint once, with one audit event and one notice, under concurrent changes', async () => {
    const ids: string[] = [];
    const flips = (async () => {
      for (let i = 0; i < 6; i++) {
        await t.db.sql(`UPDATE offices SET active = NOT active WHERE name = '杭州市西湖区市场监督管理局'`);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const results = await Promise.all(Array.from({ length: 40 }, () => post()));
    await flips;
    for (const r of results) {
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const tracking = results.map((r) => r.body.trackingNo as string);
    expect(new Set(tracking).size).toBe(40);
    const [counts] = await t.db.sql(
      `SELECT (SELECT count(*)::int FROM complaints WHERE id = ANY($1::uuid[])) AS complaints,
              (SELECT count(*)::int FROM audit_events WHERE entity_type = 'complaint' AND entity_id = ANY($1::text[])
                 AND action = 'complaint.received') AS events,
              (SELECT count(*)::int FROM outbox WHERE topic = 'complaint.received'
                 AND payload->'data'->>'complaintId' = ANY($1::text[])) AS notices`,
      [ids],
    );
    expect(counts).toEqual({ complaints: 40, events: 40, notices: 40 });
    // Each went to an office that was competent at some point of the run: the district or the one above it.
    const [{ n }] = await t.db.sql(
      `SELECT count(DISTINCT office_id)::int AS n FROM complaints WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(n).toBeLessThanOrEqual(2);
  });
});
