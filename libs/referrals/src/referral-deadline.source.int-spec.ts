import { CalendarModule } from '@app/calendar';
import { CaseService, CasesModule } from '@app/cases';
import { DeadlineModule, DeadlineSweeper } from '@app/notifications';
import { OutboxModule } from '@app/outbox';
import { actorOf, createTestModule, type TestModule } from '@app/testing';
import { ReferralDeadlineSource } from './referral-deadline.source';
import { ReferralService } from './referral.service';
import { ReferralDeadlinesModule, ReferralsModule } from './referrals.module';

/** A referral's running clock feeds the real sweep, addressed to the office whose turn it is. */
describe('referral clocks in the sweep', () => {
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

  it('reminds the receiving office of an overdue response or answer, and stops once closed', async () => {
    const officer = await actorOf(t.db, 'officer.zj');
    const receiver = await actorOf(t.db, 'officer.js');
    const c = await t.module.get(CaseService).create(officer, {
      title: '移送期限测试案',
      ipType: 'trademark',
      procedure: 'penalty_trademark',
      source: 'ex_officio',
      regionCode: '330106',
      officerIds: [officer.id],
    });
    const referrals = t.module.get(ReferralService);
    const r = await referrals.create(officer, c.id, {
      kind: 'assistance',
      toOfficeId: receiver.officeId!,
      reason: '协查',
      request: '核实住所',
    });
    const items = async () => {
      const found: { key: string; office: string }[] = [];
      for await (const item of t.module.get(ReferralDeadlineSource).openItems({ dueBefore: new Date() })) {
        if (item.itemId === r.id) found.push({ key: item.deadlineKey, office: item.officeId });
      }
      return found;
    };
    expect(await items()).toEqual([]); // 5 working days to respond
    await t.db.sql(`UPDATE referrals SET due_at = now() - interval '10 days' WHERE id = $1`, [r.id]);
    expect(await items()).toEqual([{ key: 'response', office: receiver.officeId }]);
    await t.module.get(DeadlineSweeper).sweep(new Date());
    const notices = await t.db.sql(
      `SELECT kind FROM deadline_notices WHERE source = 'referrals' AND item_id = $1 ORDER BY kind`,
      [r.id],
    );
    expect(notices.map((n) => n.kind)).toContain('overdue');

    const accepted = await referrals.act(receiver, r.id, 'accept', { version: r.version });
    expect(accepted.clock).toBe('answer');
    expect(await items()).toEqual([]); // the answer clock starts afresh
    const answered = await referrals.act(receiver, r.id, 'answer', {
      version: accepted.version,
      answer: '已核实',
    });
    expect(answered).toMatchObject({ clock: null, dueAt: null });
    // The answer's own clock, overdue, goes to the receiving office too; answered, nothing runs.
    await t.db.sql(
      `UPDATE referrals SET state = 'accepted', clock = 'answer', due_at = now() - interval '1 day' WHERE id = $1`,
      [r.id],
    );
    expect(await items()).toEqual([{ key: 'answer', office: receiver.officeId }]);
    await t.db.sql(`UPDATE referrals SET state = 'closed', clock = NULL, due_at = NULL WHERE id = $1`, [
      r.id,
    ]);
    expect(await items()).toEqual([]);
  });
});
