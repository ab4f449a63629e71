import { CalendarModule } from '@app/calendar';
import { CaseService, CasesModule } from '@app/cases';
import { DeadlineModule, DeadlineSweeper } from '@app/notifications';
import { OutboxModule } from '@app/outbox';
import { actorOf, createTestModule, type TestModule } from '@app/testing';
import { ReferralDeadlinesModule, ReferralsModule } from './referrals.module';
import { SupervisionDeadlineSource } from './supervision-deadline.source';
import { SupervisionService } from './supervision.service';

/** Supervised cases' progress reports feed the real sweep until the report is filed or the supervision ends. */
describe('supervision progress reports in the sweep', () => {
  let t: TestModule;
  beforeAll(async () => {
    t = await createTestModule({
      imports: [
        OutboxModule,
        CalendarModule,
        DeadlineModule,
        CasesModule,
        ReferralsModule,
        ReferralDeadlinesModule,
      ],
    });
  });
  afterAll(() => t.close());

  it('reminds the handling office of an overdue report, escalates it, and stops once the report is filed', async () => {
    const cases = t.module.get(CaseService);
    const supervision = t.module.get(SupervisionService);
    const sweeper = t.module.get(DeadlineSweeper);
    const officer = await actorOf(t.db, 'officer.zj');
    const supervisor = await actorOf(t.db, 'supervisor.zj');
    const c = await cases.create(officer, {
      title: '督办的商标侵权案',
      ipType: 'trademark',
      procedure: 'penalty_trademark',
      source: 'ex_officio',
      regionCode: '330106',
      officerIds: [officer.id],
    });
    const s = await supervision.start(supervisor, c.id, { reason: '省局督办', reportEveryDays: 10 });
    const tracked = async (dueBefore: Date) => {
      const found: string[] = [];
      for await (const item of t.module.get(SupervisionDeadlineSource).openItems({ dueBefore })) {
        if (item.itemId === s.id) found.push(item.deadlineKey);
      }
      return found;
    };
    // Not due for ten days: nothing to sweep now.
    expect(await tracked(new Date())).toEqual([]);

    // The report was due a month ago.
    await t.db.sql(
      `UPDATE case_supervisions SET next_report_due_at = now() - interval '30 days' WHERE id = $1`,
      [s.id],
    );
    expect(await tracked(new Date())).toEqual(['progress_report']);
    await sweeper.sweep(new Date());
    const notices = await t.db.sql(
      `SELECT kind FROM deadline_notices WHERE source = 'supervision' AND item_id = $1 ORDER BY kind`,
      [s.id],
    );
    expect(notices.map((n) => n.kind)).toEqual(['escalated', 'overdue']);
    const outbox = await t.db.sql(
      `SELECT topic, payload FROM outbox WHERE payload->'data'->>'source' = 'supervision'
          AND payload->'data'->>'itemId' = $1 ORDER BY id`,
      [s.id],
    );
    const overdue = outbox.find((o) => o.topic === 'deadline.overdue')!;
    expect(overdue.payload).toMatchObject({
      to: { users: [officer.id] },
      link: `/cases/${c.id}`,
    });
    expect((overdue.payload as { title: { zh: string } }).title.zh).toContain(
      '督办案件 督办的商标侵权案：报送进展',
    );
    const escalated = outbox.find((o) => o.topic === 'deadline.escalated')!;
    expect((escalated.payload as { to: { supervisorsOf: string } }).to.supervisorsOf).toBe('330106');

    // Filing the report moves the next one ten days on: off the sweep now.
    await supervision.report(officer, c.id, { body: '已完成现场检查' });
    expect(await tracked(new Date())).toEqual([]);
    const later = new Date(Date.now() + 30 * 86_400_000);
    expect(await tracked(later)).toEqual(['progress_report']);

    // An ended supervision is never swept.
    await supervision.end(supervisor, c.id, { reason: '督办结束' });
    expect(await tracked(later)).toEqual([]);
  });
});
