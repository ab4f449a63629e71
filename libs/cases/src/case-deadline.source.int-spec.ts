import { CalendarModule } from '@app/calendar';
import type { Actor } from '@app/contracts';
import { OutboxModule } from '@app/outbox';
import { DeadlineModule, DeadlineSweeper } from '@app/notifications';
import { actorOf, createTestModule, type TestModule } from '@app/testing';
import { CaseDeadlinesModule, CasesModule } from './cases.module';
import { CaseService } from './case.service';

/** The cases' DeadlineSource feeding the real sweep: an overdue filing review is announced once, to the officers. */
describe('case deadlines in the sweep', () => {
  let t: TestModule;
  let cases: CaseService;
  let sweeper: DeadlineSweeper;
  let officer: Actor;

  beforeAll(async () => {
    t = await createTestModule({
      imports: [OutboxModule, CalendarModule, DeadlineModule, CasesModule, CaseDeadlinesModule],
    });
    cases = t.module.get(CaseService);
    sweeper = t.module.get(DeadlineSweeper);
    officer = await actorOf(t.db, 'officer.zj');
  });
  afterAll(() => t.close());

  it('reminds the assigned officers of an overdue filing review, escalates it, and stops once it is met', async () => {
    const two = (
      await t.db.sql(`SELECT id FROM users WHERE username IN ('officer.zj', 'officer2.zj') ORDER BY username`)
    ).map((r) => r.id as string);
    const c = await cases.create(officer, {
      title: '逾期未立案审查的线索',
      ipType: 'trademark',
      procedure: 'penalty_trademark',
      source: 'ex_officio',
      regionCode: '330100',
      receivedOn: '2026-09-01',
      officerIds: two,
    });
    const filing = c.deadlines.find((d) => d.key === 'filing')!;
    // 15 working days after Tue 1 Sep 2026, counting Sunday 20 Sep (a make-up working day for National Day): 21 Sep.
    expect(filing.dueDate).toBe('2026-09-21');
    expect(c.nextDueAt).toBe(filing.dueAt);

    const now = new Date('2026-10-20T10:00:00+08:00');
    await sweeper.sweep(now);
    const notices = await t.db.sql(
      `SELECT kind FROM deadline_notices WHERE source = 'cases' AND item_id = $1 ORDER BY kind`,
      [c.id],
    );
    expect(notices.map((n) => n.kind)).toEqual(['escalated', 'overdue']);
    const outbox = await t.db.sql(
      `SELECT topic, payload FROM outbox WHERE payload->'data'->>'source' = 'cases' AND payload->'data'->>'itemId' = $1
        ORDER BY id`,
      [c.id],
    );
    expect(outbox.map((o) => o.topic).sort()).toEqual(['deadline.escalated', 'deadline.overdue']);
    const overdue = outbox.find((o) => o.topic === 'deadline.overdue')!;
    expect((overdue.payload as { to: { users: string[] } }).to.users.sort()).toEqual([...two].sort());

    // A second sweep announces nothing new; filing the case meets the deadline and takes it off the sweep.
    await sweeper.sweep(now);
    expect(
      (await t.db.sql(`SELECT count(*)::int AS n FROM deadline_notices WHERE item_id = $1`, [c.id]))[0].n,
    ).toBe(2);
    const filed = await cases.act(officer, c.id, 'file', { version: c.version });
    expect(filed.deadlines.find((d) => d.key === 'filing')!.status).toBe('met');
    const before = (await t.db.sql(`SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'deadline.%'`))[0]
      .n;
    await sweeper.sweep(now);
    const after = (await t.db.sql(`SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'deadline.%'`))[0]
      .n;
    expect(after).toBe(before); // the new closing deadline (90 days) is not due yet
  });
});
