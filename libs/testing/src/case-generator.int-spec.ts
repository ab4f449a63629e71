import {
  CASE_STATES,
  PROCEDURES,
  REFERRAL_STATES,
  shanghaiDate,
  validateIdentifier,
  validateResidentId,
  validateUscc,
  type IdentifierKind,
} from '@app/domain';
import { generateCases } from '../../../bench/data/case-generator';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * The bulk generator behind `npm run seed:bulk` and `npm run bench:cases` (bench/data/case-generator.ts): its data
 * must be data the application could have written — numbers gap-free, identifiers valid, procedures matching IP
 * types, every reference resolving (it loads with foreign-key triggers off) and search_text as the service builds it.
 */
describe('bulk case generator', () => {
  let db: TestDatabase;
  const today = shanghaiDate(new Date());
  const CASES = 20_000;

  beforeAll(async () => {
    db = await createTestDatabase();
    await generateCases(db.url, { cases: CASES, seed: 7, today });
  }, 60_000);
  afterAll(() => db?.drop());

  const count = async (sql: string) =>
    Number((await db.sql(`SELECT count(*)::int AS n FROM (${sql}) x`))[0].n);

  /** Every number an office gave: its cases' current ones and those of cases that moved on to another office. */
  const NUMBERS = `(SELECT office_id, case_year, case_seq FROM cases WHERE case_seq IS NOT NULL
                    UNION ALL
                    SELECT h.from_office_id, m[1]::int, m[2]::int
                      FROM case_office_history h, regexp_match(h.from_case_no, '〔(\\d{4})〕(\\d+)号$') AS m
                     WHERE h.from_case_no IS NOT NULL) n`;

  const expectGapFreeNumbers = async () => {
    // Per office and year: 1…n with no gap or repeat, formatted from the office's short name, counter at the max.
    // A case moved to another office (case_office_history) keeps the number it had at the office it left.
    expect(
      await count(`SELECT office_id, case_year FROM ${NUMBERS} GROUP BY 1, 2
                    HAVING min(case_seq) <> 1 OR max(case_seq) <> count(*) OR count(DISTINCT case_seq) <> count(*)`),
    ).toBe(0);
    expect(
      await count(`SELECT 1 FROM cases c JOIN offices o ON o.id = c.office_id
                    WHERE c.case_no IS NOT NULL AND c.case_no <> o.short_name || '〔' || c.case_year || '〕' || c.case_seq || '号'`),
    ).toBe(0);
    expect(
      await count(`SELECT 1 FROM (SELECT office_id, case_year, max(case_seq) AS m FROM ${NUMBERS} GROUP BY 1, 2) c
                     LEFT JOIN number_counters n ON n.office_id = c.office_id AND n.year = c.case_year AND n.kind = 'case'
                    WHERE n.last IS DISTINCT FROM c.m`),
    ).toBe(0);
    // Numbered exactly when filed, in the filing year.
    expect(
      await count(`SELECT 1 FROM cases WHERE (case_no IS NULL) <> (filed_on IS NULL)
                      OR case_year <> extract(year FROM filed_on)`),
    ).toBe(0);
  };

  it('numbers filed cases gap-free per office and year', async () => {
    expect(await count(`SELECT 1 FROM cases`)).toBe(CASES);
    await expectGapFreeNumbers();
  });

  it('writes only valid credit codes, resident IDs and right numbers', async () => {
    const usccs = await db.sql(`SELECT DISTINCT uscc FROM case_parties WHERE uscc IS NOT NULL`);
    expect(usccs.length).toBeGreaterThan(5_000);
    const badUscc = usccs
      .map((r) => String(r.uscc))
      .filter((u) => {
        const v = validateUscc(u);
        return !v.ok || v.checkMismatch || v.notes.length > 0;
      });
    expect(badUscc).toEqual([]);

    const ids = await db.sql(`SELECT DISTINCT id_number FROM case_parties WHERE id_number IS NOT NULL`);
    expect(ids.length).toBeGreaterThan(1_000);
    expect(ids.map((r) => String(r.id_number)).filter((n) => !validateResidentId(n, { today }).ok)).toEqual(
      [],
    );
    // Enterprises carry a credit code, individuals an ID number.
    expect(
      await count(`SELECT 1 FROM case_parties WHERE (kind = 'individual' AND (id_number IS NULL OR uscc IS NOT NULL))
                      OR (kind = 'enterprise' AND id_number IS NOT NULL)`),
    ).toBe(0);

    const rights = await db.sql(
      `SELECT DISTINCT number_kind, number FROM case_rights WHERE number_kind IS NOT NULL`,
    );
    const badRights = rights.filter((r) => {
      const v = validateIdentifier(r.number_kind as IdentifierKind, String(r.number));
      return !v.ok || v.normalized !== r.number;
    });
    expect(badRights).toEqual([]);
    // Patent numbers carry the type digit of the case's IP type.
    expect(
      await count(`SELECT 1 FROM case_rights r JOIN cases c ON c.id = r.case_id
                    WHERE r.number_kind = 'patent_application'
                      AND substr(r.number, 5, 1) <> CASE c.ip_type WHEN 'patent_invention' THEN '1'
                            WHEN 'patent_utility' THEN '2' ELSE '3' END
                      AND NOT (substr(r.number, 5, 1) = '8' AND c.ip_type = 'patent_invention')
                      AND NOT (substr(r.number, 5, 1) = '9' AND c.ip_type = 'patent_utility')`),
    ).toBe(0);
  });

  it('uses procedures, sources and states that fit the IP type and procedure', async () => {
    const combos = await db.sql(`SELECT DISTINCT procedure, ip_type, source, status FROM cases`);
    const wrong = combos.filter((c) => {
      const p = PROCEDURES.find((x) => x.code === c.procedure);
      if (!p) return true;
      // Two states are reached outside the workflow tables: the police opening a case on a criminal transfer
      // (libs/referrals) and a case handed to an office outside the system.
      const states = new Set<string>([
        ...p.transitions.flatMap((t) => [...t.from, ...(t.to ? [t.to] : [])]),
        'transferred_police',
        'referred_out',
      ]);
      return (
        !(p.ipTypes as readonly string[]).includes(String(c.ip_type)) ||
        !(p.sources as readonly string[]).includes(String(c.source)) ||
        !states.has(String(c.status))
      );
    });
    expect(wrong).toEqual([]);
    expect(new Set(combos.map((c) => c.procedure)).size).toBe(PROCEDURES.length);
  });

  it('keeps dates, outcomes, deadlines and officers consistent with the status', async () => {
    const open = CASE_STATES.filter((s) => s.open).map((s) => `'${s.code}'`);
    expect(
      await count(`SELECT 1 FROM cases WHERE NOT (received_on <= coalesce(filed_on, received_on)
                     AND coalesce(filed_on, received_on) <= coalesce(decided_on, filed_on, received_on)
                     AND coalesce(decided_on, filed_on, received_on) <= coalesce(closed_on, decided_on, filed_on, received_on)
                     AND coalesce(closed_on, decided_on, filed_on, received_on) <= '${today}'::date)`),
    ).toBe(0);
    expect(await count(`SELECT 1 FROM cases WHERE status IN (${open}) AND closed_on IS NOT NULL`)).toBe(0);
    expect(await count(`SELECT 1 FROM cases WHERE status NOT IN (${open}) AND closed_on IS NULL`)).toBe(0);
    expect(
      await count(`SELECT 1 FROM cases WHERE status IN ('decided', 'executing', 'closed', 'archived')
                      AND (decided_on IS NULL OR outcome IS NULL)`),
    ).toBe(0);
    expect(await count(`SELECT 1 FROM cases WHERE fine_fen IS NOT NULL AND outcome <> 'penalty'`)).toBe(0);
    // Investigating cases run their closing limit; closed ones have only met deadlines.
    expect(
      await count(`SELECT 1 FROM cases c WHERE c.status = 'investigating' AND NOT EXISTS
                     (SELECT 1 FROM case_deadlines d WHERE d.case_id = c.id AND d.key = 'closing' AND d.status = 'open')`),
    ).toBe(0);
    expect(
      await count(`SELECT 1 FROM case_deadlines d JOIN cases c ON c.id = d.case_id
                    WHERE c.status IN ('closed', 'archived', 'not_filed') AND d.status <> 'met'`),
    ).toBe(0);
    // next_due_at is the earliest running office deadline.
    expect(
      await count(`SELECT 1 FROM cases c LEFT JOIN LATERAL (
                     SELECT min(due_at) AS due FROM case_deadlines d
                      WHERE d.case_id = c.id AND d.status = 'open' AND d.actor = 'office') d ON true
                    WHERE c.next_due_at IS DISTINCT FROM d.due`),
    ).toBe(0);
    expect(await count(`SELECT 1 FROM cases WHERE next_due_at < now()`)).toBeGreaterThan(100);
    // Two or more officers of the handling office, one lead; 1–3 parties with a respondent; 1–2 rights.
    expect(
      await count(`SELECT c.id FROM cases c JOIN case_officers co ON co.case_id = c.id JOIN users u ON u.id = co.user_id
                    GROUP BY c.id HAVING count(*) < 2 OR count(*) FILTER (WHERE co.lead) <> 1
                        OR bool_or(u.office_id <> c.office_id)`),
    ).toBe(0);
    expect(
      await count(`SELECT c.id FROM cases c LEFT JOIN case_parties p ON p.case_id = c.id GROUP BY c.id
                    HAVING count(p.id) NOT BETWEEN 1 AND 3 OR count(*) FILTER (WHERE p.role = 'respondent') = 0`),
    ).toBe(0);
    expect(
      await count(`SELECT c.id FROM cases c LEFT JOIN case_rights r ON r.case_id = c.id GROUP BY c.id
                    HAVING count(r.id) NOT BETWEEN 1 AND 2`),
    ).toBe(0);
  });

  it('resolves every reference (the load skips foreign-key triggers)', async () => {
    const orphans = [
      `SELECT 1 FROM cases c LEFT JOIN offices o ON o.id = c.office_id WHERE o.id IS NULL`,
      `SELECT 1 FROM cases c LEFT JOIN regions r ON r.code = c.region_code WHERE r.code IS NULL
          OR r.province_code <> c.province_code OR r.city_code IS DISTINCT FROM c.city_code`,
      `SELECT 1 FROM cases c LEFT JOIN users u ON u.id = c.created_by WHERE u.id IS NULL`,
      `SELECT 1 FROM case_officers x LEFT JOIN users u ON u.id = x.user_id WHERE u.id IS NULL`,
      ...['case_officers', 'case_parties', 'case_rights', 'case_deadlines', 'case_pauses'].map(
        (t) => `SELECT 1 FROM ${t} x LEFT JOIN cases c ON c.id = x.case_id WHERE c.id IS NULL`,
      ),
    ];
    for (const sql of orphans) expect(await count(sql)).toBe(0);
  });

  // CaseRepository.refreshSearchText aggregates parties and rights without ORDER BY (whatever order the plan
  // returns); the generator writes them in entry order, i.e. ordered by (created_at, id).
  it('builds search_text as the case repository refreshes it', async () => {
    expect(
      await count(`SELECT 1 FROM cases c WHERE c.search_text IS DISTINCT FROM concat_ws(' ', c.case_no, 'DJ' || c.reg_no,
                     c.title,
                     (SELECT string_agg(concat_ws(' ', p.name, p.uscc), ' ' ORDER BY p.created_at, p.id)
                        FROM case_parties p WHERE p.case_id = c.id),
                     (SELECT string_agg(r.number, ' ' ORDER BY r.created_at, r.id) FROM case_rights r WHERE r.case_id = c.id))`),
    ).toBe(0);
  });

  it('follows the documented distribution', async () => {
    const [d] =
      await db.sql(`SELECT avg((province_code IN ('440000', '330000', '320000'))::int)::float AS lead3,
                                     avg((ip_type = 'trademark')::int)::float AS trademark,
                                     avg((ip_type LIKE 'patent%')::int)::float AS patent,
                                     avg((status IN ('closed', 'archived'))::int)::float AS closed,
                                     avg((closed_on IS NULL)::int)::float AS open
                                FROM cases`);
    expect(d.lead3).toBeGreaterThan(0.4);
    expect(d.lead3).toBeLessThan(0.5);
    expect(d.trademark).toBeGreaterThan(0.42);
    expect(d.trademark).toBeLessThan(0.5);
    expect(d.patent).toBeGreaterThan(0.37);
    expect(d.patent).toBeLessThan(0.45);
    expect(d.closed).toBeGreaterThan(0.6);
    expect(d.closed).toBeLessThan(0.8);
    expect(d.open).toBeGreaterThan(0.12);
    expect(d.open).toBeLessThan(0.28);
  });

  it('refers about a tenth of the cases, as the referral service would have', async () => {
    const [r] = await db.sql(`SELECT count(DISTINCT case_id)::float / ${CASES} AS share FROM referrals`);
    expect(r.share).toBeGreaterThan(0.07);
    expect(r.share).toBeLessThan(0.14);
    expect(await count(`SELECT 1 FROM referrals WHERE from_office_id = to_office_id`)).toBe(0);
    const states = REFERRAL_STATES.map((x) => `'${x.code}'`).join(',');
    expect(await count(`SELECT 1 FROM referrals WHERE state NOT IN (${states})`)).toBe(0);
    // Criminal transfers go to public-security offices, the others to offices with the case's competence.
    expect(
      await count(`SELECT 1 FROM referrals r JOIN offices o ON o.id = r.to_office_id
                    WHERE r.kind = 'criminal' AND NOT 'public_security' = ANY(o.competences)`),
    ).toBe(0);
    // Open referrals have a running clock with its rule; closed ones none and a closing time.
    const open = REFERRAL_STATES.filter((x) => x.open)
      .map((x) => `'${x.code}'`)
      .join(',');
    expect(
      await count(
        `SELECT 1 FROM referrals WHERE state IN (${open}) AND due_at IS NOT NULL AND rule_id IS NULL`,
      ),
    ).toBe(0);
    expect(await count(`SELECT 1 FROM referrals WHERE state NOT IN (${open}) AND closed_at IS NULL`)).toBe(0);
    // A moved case is at the office its last move took it to.
    expect(
      await count(`SELECT 1 FROM cases c
                     JOIN LATERAL (SELECT to_office_id FROM case_office_history h WHERE h.case_id = c.id
                                    ORDER BY h.id DESC LIMIT 1) h ON true
                    WHERE h.to_office_id <> c.office_id`),
    ).toBe(0);
    expect(await count(`SELECT 1 FROM case_office_history`)).toBeGreaterThan(0);
  });

  it('reuses the organisation and continues the numbering on a second run', async () => {
    const before = await db.sql(
      `SELECT (SELECT count(*) FROM offices)::int AS o, (SELECT count(*) FROM users)::int AS u`,
    );
    await generateCases(db.url, { cases: 1_000, seed: 7, today, analyze: false });
    const after = await db.sql(
      `SELECT (SELECT count(*) FROM offices)::int AS o, (SELECT count(*) FROM users)::int AS u`,
    );
    expect(after).toEqual(before);
    expect(await count(`SELECT 1 FROM cases`)).toBe(CASES + 1_000);
    await expectGapFreeNumbers();
  }, 30_000);
});
