import {
  ACCEPTANCE_RULES,
  acceptanceRuleFor,
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNEL_CODES,
  COMPLAINT_TRANSITIONS,
  deadlineWithTolling,
  formatTrackingNumber,
  ipTypeDef,
  shanghaiDate,
  toEpochDay,
  validateResidentId,
  validateRightNumber,
  validateUscc,
} from '@app/domain';
import { Client } from 'pg';
import { complaintBodies, generateComplaints, loadCalendar } from '../../../bench/data/complaint-generator';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * The bulk complaint generator behind `npm run bench:intake` and `npm run seed:bulk -- --complaints N`
 * (bench/data/complaint-generator.ts): its rows must be rows ComplaintService could have written — valid
 * identifiers, routing and deadlines as the service works them out, states the workflow reaches, unique tracking
 * numbers from the sequence, and every reference resolving (it loads with foreign-key triggers off).
 */
describe('bulk complaint generator', () => {
  let db: TestDatabase;
  const today = shanghaiDate(new Date());
  const N = 20_000;
  let first: { firstSeq: number; lastSeq: number };

  beforeAll(async () => {
    db = await createTestDatabase();
    first = await generateComplaints(db.url, { complaints: N, seed: 7, today, chunk: 7_000 });
  }, 120_000);
  afterAll(() => db?.drop());

  const count = async (sql: string, params?: unknown[]) =>
    Number((await db.sql(`SELECT count(*)::int AS n FROM (${sql}) x`, params))[0].n);

  it('numbers every complaint from the sequence, in order of receipt', async () => {
    expect(await count(`SELECT 1 FROM complaints`)).toBe(N);
    expect(first.lastSeq - first.firstSeq + 1).toBe(N);
    const rows = await db.sql(
      `SELECT seq::int AS seq, tracking_no, to_char(received_on, 'YYYY-MM-DD') AS received_on FROM complaints`,
    );
    const wrong = rows.filter(
      (r) => r.tracking_no !== formatTrackingNumber(r.received_on as string, r.seq as number),
    );
    expect(wrong).toEqual([]);
    expect(new Set(rows.map((r) => r.tracking_no)).size).toBe(N);
    expect(Math.min(...rows.map((r) => r.seq as number))).toBe(first.firstSeq);
    expect(Math.max(...rows.map((r) => r.seq as number))).toBe(first.lastSeq);
    // The sequence continues after them; seq follows received_at.
    const [{ last }] = await db.sql(`SELECT last_value::int AS last FROM complaint_tracking_seq`);
    expect(last).toBeGreaterThanOrEqual(first.lastSeq);
    expect(
      await count(`SELECT 1 FROM (SELECT received_at, lag(received_at) OVER (ORDER BY seq) AS prev
                                    FROM complaints) s WHERE received_at < prev`),
    ).toBe(0);
  });

  it('writes only what the service accepts: categories, channels, parties and valid identifiers', async () => {
    const cats = COMPLAINT_CATEGORIES.map((c) => `'${c.code}'`).join(',');
    const anon = COMPLAINT_CATEGORIES.filter((c) => c.anonymousAllowed).map((c) => `'${c.code}'`);
    expect(await count(`SELECT 1 FROM complaints WHERE category NOT IN (${cats})`)).toBe(0);
    expect(
      await count(`SELECT 1 FROM complaints WHERE channel <> ALL($1::text[])`, [COMPLAINT_CHANNEL_CODES]),
    ).toBe(0);
    expect(
      await count(`SELECT 1 FROM complaints WHERE anonymous AND category NOT IN (${anon.join(',')})`),
    ).toBe(0);
    // Named unless anonymous; a phone unless anonymous or a consultation; respondent, IP type and region for all
    // but consultations.
    expect(
      await count(`SELECT 1 FROM complaints WHERE (NOT anonymous AND complainant_name IS NULL)
                      OR (NOT anonymous AND category <> 'consultation' AND complainant_phone IS NULL)
                      OR (category <> 'consultation' AND (ip_type IS NULL OR region_code IS NULL
                          OR coalesce(respondent_name, respondent_shop, respondent_url) IS NULL))
                      OR length(description) NOT BETWEEN 1 AND 20000
                      OR complainant_phone !~ '^[0-9+\\-() ]{5,30}$'
                      OR complainant_email !~ '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$'
                      OR respondent_url !~ '^https?://\\S+$'`),
    ).toBe(0);
    // Reports are confidential by default.
    expect(await count(`SELECT 1 FROM complaints WHERE category = 'report' AND NOT confidential`)).toBe(0);

    const codes =
      await db.sql(`SELECT DISTINCT respondent_uscc AS u FROM complaints WHERE respondent_uscc IS NOT NULL
                                UNION SELECT DISTINCT complainant_uscc FROM complaints WHERE complainant_uscc IS NOT NULL`);
    expect(codes.length).toBeGreaterThan(1_000);
    const badCodes = codes
      .map((r) => String(r.u))
      .filter((u) => {
        const v = validateUscc(u);
        return !v.ok || v.normalized !== u || v.notes.length > 0;
      });
    expect(badCodes).toEqual([]);
    const ids = await db.sql(
      `SELECT DISTINCT complainant_id_number AS n FROM complaints WHERE complainant_id_number IS NOT NULL`,
    );
    expect(ids.length).toBeGreaterThan(500);
    expect(ids.map((r) => String(r.n)).filter((n) => !validateResidentId(n, { today }).ok)).toEqual([]);

    const rights = await db.sql(
      `SELECT DISTINCT ip_type, right_number, right_number_kind FROM complaints WHERE right_number IS NOT NULL`,
    );
    const badRights = rights.filter((r) => {
      const def = ipTypeDef(String(r.ip_type));
      const v = def ? validateRightNumber(def, String(r.right_number)) : null;
      return !v?.ok || v.number !== r.right_number || v.kind !== r.right_number_kind;
    });
    expect(badRights).toEqual([]);
    expect(new Set(rights.map((r) => r.ip_type)).size).toBe(7);
  });

  it('routes, times and decides as the service and the workflow table do', async () => {
    // The suggested office is OfficeService.findCompetent's: the nearest active office with the IP type's competence
    // up region → prefecture → province, then by name.
    const competence = (t: string) => ipTypeDef(t)!.competence;
    const pairs = await db.sql(
      `SELECT DISTINCT region_code, ip_type, suggested_office_id FROM complaints WHERE ip_type IS NOT NULL`,
    );
    const offices = await db.sql(
      `SELECT id, region_code, competences FROM offices WHERE active ORDER BY region_code DESC, name`,
    );
    const wrongRoutes = pairs.filter((p) => {
      const region = p.region_code as string | null;
      if (!region) return p.suggested_office_id !== null;
      const chain = new Set([region, `${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`]);
      const want = offices.find(
        (o) =>
          chain.has(o.region_code as string) &&
          (o.competences as string[]).includes(competence(p.ip_type as string)),
      );
      return (want?.id ?? null) !== p.suggested_office_id;
    });
    expect(wrongRoutes).toEqual([]);
    // Handled by the suggested office, else the receiving centre (none for the web form); a few transferred to an
    // office of the same competence.
    expect(
      await count(`SELECT 1 FROM complaints c WHERE c.office_id IS DISTINCT FROM c.suggested_office_id
                     AND NOT (c.suggested_office_id IS NULL AND c.channel <> 'web' AND c.office_id IN
                              (SELECT id FROM offices WHERE name LIKE '%12330%'))
                     AND NOT (c.suggested_office_id IS NULL AND c.channel = 'web' AND c.office_id IS NULL)
                     AND NOT (c.suggested_office_id IS NOT NULL AND c.state <> 'received' AND c.office_id IN
                              (SELECT o.id FROM offices o JOIN offices s ON s.id = c.suggested_office_id
                                WHERE o.competences && s.competences))`),
    ).toBe(0);
    expect(await count(`SELECT 1 FROM complaints WHERE (channel = 'web') <> (received_by IS NULL)`)).toBe(0);

    // The acceptance rule and its deadline, from the rule table and the working-day calendar.
    const combos = await db.sql(`SELECT DISTINCT category, ip_type, channel, rule_id FROM complaints`);
    expect(
      combos.filter(
        (c) =>
          acceptanceRuleFor({
            category: String(c.category),
            ipType: (c.ip_type as string) ?? null,
            channel: String(c.channel),
          })?.id !== c.rule_id,
      ),
    ).toEqual([]);
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const calendar = await loadCalendar(client).finally(() => client.end());
    const dues = await db.sql(
      `SELECT DISTINCT rule_id, to_char(received_on, 'YYYY-MM-DD') AS day, to_char(due_date, 'YYYY-MM-DD') AS due
         FROM complaints WHERE rule_id <> 'intake.trade_fair'`,
    );
    expect(dues.length).toBeGreaterThan(1_000);
    expect(
      dues.filter((d) => {
        const r = ACCEPTANCE_RULES.find((x) => x.id === d.rule_id)!;
        return (
          deadlineWithTolling({ start: String(d.day), amount: r.amount, unit: r.unit }, calendar).due !==
          d.due
        );
      }),
    ).toEqual([]);
    expect(
      await count(`SELECT 1 FROM complaints WHERE rule_id <> 'intake.trade_fair'
                      AND due_at <> ((due_date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') - interval '1 millisecond'`),
    ).toBe(0);
    expect(
      await count(`SELECT 1 FROM complaints WHERE rule_id = 'intake.trade_fair'
                      AND (due_at <> received_at + interval '24 hours'
                           OR due_date <> (due_at AT TIME ZONE 'Asia/Shanghai')::date)`),
    ).toBe(0);

    // Only states the workflow reaches, each with the decisions it implies.
    const reachable = new Set(['received', ...COMPLAINT_TRANSITIONS.map((t) => t.to)]);
    const states = (await db.sql(`SELECT DISTINCT state FROM complaints`)).map((r) => String(r.state));
    expect(states.filter((s) => !reachable.has(s))).toEqual([]);
    expect(states.sort()).toEqual(['accepted', 'answered', 'closed', 'not_accepted', 'received', 'triaged']);
    const answerable = COMPLAINT_TRANSITIONS.find((t) => t.action === 'answer')!.categories!;
    expect(
      await count(`SELECT 1 FROM complaints WHERE state = 'answered' AND category <> ALL($1::text[])`, [
        answerable,
      ]),
    ).toBe(0);
    expect(
      await count(`SELECT 1 FROM complaints WHERE (state IN ('received', 'triaged')) <> (decided_at IS NULL)
                      OR decided_at IS DISTINCT FROM clock_met_at
                      OR (state = 'not_accepted' OR (state = 'closed' AND refusal_ground IS NOT NULL))
                         <> (refusal_ground IS NOT NULL)
                      OR (refusal_ground = 'other' AND decision_reason IS NULL)
                      OR (state = 'closed') <> (closed_at IS NOT NULL)
                      OR (answer IS NOT NULL AND category NOT IN ('consultation', 'assistance'))
                      OR NOT (received_at <= coalesce(decided_at, received_at)
                              AND coalesce(decided_at, received_at) <= coalesce(closed_at, decided_at, received_at)
                              AND coalesce(closed_at, decided_at, received_at) <= coalesce(callback_at, closed_at,
                                                                                  decided_at, received_at)
                              AND coalesce(callback_at, closed_at, decided_at, received_at) <= now())
                      OR (callback_at IS NULL) <> (satisfaction IS NULL)
                      OR version < 1 OR updated_at < received_at`),
    ).toBe(0);
    // Some are overdue and undecided, as in service.
    expect(
      await count(`SELECT 1 FROM complaints WHERE decided_at IS NULL AND due_at < now()`),
    ).toBeGreaterThan(50);
  });

  it('resolves every reference (the load skips foreign-key triggers)', async () => {
    const orphans = [
      `SELECT 1 FROM complaints c LEFT JOIN regions r ON r.code = c.region_code
        WHERE c.region_code IS NOT NULL AND r.code IS NULL`,
      ...['office_id', 'suggested_office_id'].map(
        (col) => `SELECT 1 FROM complaints c LEFT JOIN offices o ON o.id = c.${col}
                   WHERE c.${col} IS NOT NULL AND o.id IS NULL`,
      ),
      ...['received_by', 'decided_by', 'callback_by'].map(
        (col) => `SELECT 1 FROM complaints c LEFT JOIN users u ON u.id = c.${col}
                   WHERE c.${col} IS NOT NULL AND u.id IS NULL`,
      ),
    ];
    for (const sql of orphans) expect(await count(sql)).toBe(0);
  });

  it('follows the documented distribution, with repeats for the duplicate check to find', async () => {
    const [d] = await db.sql(`SELECT avg((category = 'complaint')::int)::float AS complaint,
                                     avg((category = 'report')::int)::float AS report,
                                     avg((channel = 'phone')::int)::float AS phone,
                                     avg(coalesce(ip_type = 'trademark', false)::int)::float AS trademark,
                                     avg(coalesce(left(region_code, 2) = '33', false)::int)::float AS zhejiang,
                                     avg((received_at >= now() - interval '90 days')::int)::float AS recent,
                                     min(received_on) AS first, max(received_on) AS last
                                FROM complaints`);
    expect(d.complaint).toBeGreaterThan(0.44);
    expect(d.complaint).toBeLessThan(0.52);
    expect(d.report).toBeGreaterThan(0.26);
    expect(d.report).toBeLessThan(0.34);
    expect(d.phone).toBeGreaterThan(0.5);
    expect(d.phone).toBeLessThan(0.6);
    expect(d.trademark).toBeGreaterThan(0.46);
    expect(d.trademark).toBeLessThan(0.56);
    expect(d.zhejiang).toBeGreaterThan(0.45);
    expect(d.zhejiang).toBeLessThan(0.58);
    expect(d.recent).toBeGreaterThan(0.1);
    expect(d.recent).toBeLessThan(0.18);
    const day = (v: unknown) => toEpochDay(shanghaiDate(v as Date));
    expect(day(d.last)).toBe(toEpochDay(today) - 1);
    expect(day(d.first)).toBeGreaterThanOrEqual(toEpochDay(today) - 730);
    // Repeated respondents, callers and names within 90 days.
    for (const col of ['respondent_uscc', 'complainant_phone', 'respondent_name', 'right_number']) {
      expect(
        await count(`SELECT ${col} FROM complaints WHERE ${col} IS NOT NULL AND received_at >= now() - interval '90 days'
                      GROUP BY 1 HAVING count(*) >= 3`),
      ).toBeGreaterThan(5);
    }
  });

  it('makes request bodies the service validates', async () => {
    const bodies = await complaintBodies(db.url, 500, 3);
    const regions = new Set(
      (await db.sql(`SELECT code FROM regions WHERE level = 'county'`)).map((r) => String(r.code)),
    );
    const bad = bodies.filter((b) => {
      const cat = COMPLAINT_CATEGORIES.find((c) => c.code === b.category);
      const def = b.ipType ? ipTypeDef(b.ipType) : undefined;
      return (
        !cat ||
        !COMPLAINT_CHANNEL_CODES.includes(b.channel as never) ||
        (b.anonymous && !cat.anonymousAllowed) ||
        (!b.anonymous && !b.complainantName) ||
        (!b.anonymous && cat.code !== 'consultation' && !b.complainantPhone) ||
        (cat.code !== 'consultation' && (!def || !b.regionCode || !(b.respondentName ?? b.respondentShop))) ||
        (b.regionCode !== undefined && !regions.has(b.regionCode)) ||
        (b.rightNumber !== undefined && (!def || !validateRightNumber(def, b.rightNumber).ok)) ||
        (b.respondentUscc !== undefined && !validateUscc(b.respondentUscc).ok) ||
        (b.complainantIdNumber !== undefined && !validateResidentId(b.complainantIdNumber, { today }).ok) ||
        !b.description
      );
    });
    expect(bad).toEqual([]);
    expect(new Set(bodies.map((b) => b.respondentName)).size).toBeGreaterThan(100);
    // It builds the generator's pools of parties and identifiers first: seconds on a loaded CI machine.
  }, 60_000);

  it('adds more on a second run and continues the numbering', async () => {
    const second = await generateComplaints(db.url, { complaints: 1_000, seed: 8, today, analyze: false });
    expect(second.firstSeq).toBeGreaterThan(first.lastSeq);
    expect(await count(`SELECT 1 FROM complaints`)).toBe(N + 1_000);
    expect(await count(`SELECT tracking_no FROM complaints GROUP BY 1 HAVING count(*) > 1`)).toBe(0);
  }, 60_000);
});
