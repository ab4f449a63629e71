import { CalendarModule } from '@app/calendar';
import { DeadlineModule, DeadlineSweeper } from '@app/notifications';
import { OutboxModule } from '@app/outbox';
import { actorOf, createTestModule, type TestModule } from '@app/testing';
import { ComplaintDeadlineSource } from './complaint-deadline.source';
import { ComplaintFollowUpService } from './complaint-follow-up.service';
import { ComplaintService } from './complaint.service';
import { ComplaintDeadlinesModule, IntakeModule } from './intake.module';

/** Complaints awaiting acceptance feed the real sweep until they are decided. */
describe('complaint acceptance deadlines in the sweep', () => {
  let t: TestModule;
  beforeAll(async () => {
    t = await createTestModule({
      imports: [OutboxModule, CalendarModule, DeadlineModule, IntakeModule, ComplaintDeadlinesModule],
    });
  });
  afterAll(() => t.close());

  it('reminds the handling office of an undecided complaint, and stops once it is accepted', async () => {
    const complaints = t.module.get(ComplaintService);
    const sweeper = t.module.get(DeadlineSweeper);
    const operator = await actorOf(t.db, 'operator.zj');
    const c = await complaints.register(operator, {
      channel: 'phone',
      category: 'complaint',
      complainantName: '张三',
      complainantPhone: '13800138000',
      respondentName: '某网店',
      ipType: 'trademark',
      regionCode: '330106',
      description: '销售假冒商标商品',
    });
    // Seven working days from today: a sweep 30 days on finds it overdue.
    const later = new Date(Date.now() + 30 * 86_400_000);
    const tracked = async () => {
      const ids: string[] = [];
      const source = t.module.get(ComplaintDeadlineSource);
      for await (const item of source.openItems({ dueBefore: later })) ids.push(item.itemId);
      return ids;
    };
    await sweeper.sweep(later);
    const notices = await t.db.sql(
      `SELECT kind FROM deadline_notices WHERE source = 'complaints' AND item_id = $1`,
      [c.id],
    );
    expect(notices.map((n) => n.kind)).toContain('overdue');
    expect(await tracked()).toContain(c.id);
    const officer = await actorOf(t.db, 'officer.zj');
    await complaints.act(officer, c.id, 'accept', { version: c.version });
    expect(await tracked()).not.toContain(c.id);
  });

  it('keeps an outcome the complainant could not be sent in the sweep until the notice is recorded', async () => {
    const complaints = t.module.get(ComplaintService);
    const followUp = t.module.get(ComplaintFollowUpService);
    const operator = await actorOf(t.db, 'operator.zj');
    const q = await complaints.register(operator, {
      channel: 'walk_in',
      category: 'consultation',
      complainantName: '来访群众',
      description: '如何办理商标转让？',
    });
    const answered = await complaints.act(operator, q.id, 'answer', {
      version: q.version,
      answer: '见官网指南。',
    });
    const later = new Date(Date.now() + 30 * 86_400_000);
    const keys = async () => {
      const found: string[] = [];
      for await (const item of t.module.get(ComplaintDeadlineSource).openItems({ dueBefore: later })) {
        if (item.itemId === q.id) found.push(item.deadlineKey);
      }
      return found;
    };
    // Answered: the acceptance clock is met; telling the complainant is what remains due.
    expect(await keys()).toEqual(['outcome_notice']);
    await followUp.recordNotice(operator, q.id, { version: answered.version, channel: 'in_person' });
    expect(await keys()).toEqual([]);
  });
});
