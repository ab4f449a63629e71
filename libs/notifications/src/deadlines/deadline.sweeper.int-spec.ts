import { AuditModule } from '@app/audit';
import { CalendarModule, CalendarService } from '@app/calendar';
import { ConfigModule } from '@app/config';
import { SYSTEM_ACTOR } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { endOfShanghaiDay } from '@app/domain';
import { OutboxModule } from '@app/outbox';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { Test, TestingModule } from '@nestjs/testing';
import { DeadlineNoticeEmitter, type PendingNotice } from './deadline-notice.emitter';
import { DEADLINE_SWEEP_LOCK_KEY } from './deadline-notice.repository';
import type { DeadlineSource, DeadlineWindow, TrackedDeadline } from './deadline-source';
import { DeadlineSourceRegistry } from './deadline-source.registry';
import { DeadlineModule } from './deadline.module';
import { deadlineStatus, sweepClock } from './deadline.rules';
import { DeadlineSettings } from './deadline.settings';
import { DeadlineSweepError, DeadlineSweeper } from './deadline.sweeper';

/** A source whose open items the test sets; it honours the window like a real one. */
class MemorySource implements DeadlineSource {
  items: TrackedDeadline[] = [];
  failWith: Error | null = null;
  windows: DeadlineWindow[] = [];
  constructor(readonly name: string) {}

  async *openItems(window: DeadlineWindow): AsyncIterable<TrackedDeadline> {
    this.windows.push(window);
    for (const item of this.items) {
      if (this.failWith) throw this.failWith;
      if (item.dueAt < window.dueBefore) yield item;
    }
  }
}

const OFFICE = 'f91e81a5-a026-4235-b4e7-a63645e9c76a';
const OFFICER = '0a545302-f2eb-44cc-a555-532c31294d21';
const at = (local: string) => new Date(`${local}+08:00`);
const dueEnd = (date: string) => endOfShanghaiDay(date);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions on stored JSON
type OutboxRow = { id: string; topic: string; payload: any };

let seq = 0;
const item = (dueAt: Date, over: Partial<TrackedDeadline> = {}): TrackedDeadline => {
  const n = ++seq;
  return {
    itemId: `item-${n}`,
    deadlineKey: 'filing',
    dueAt,
    officeId: OFFICE,
    regionCode: '330102',
    assignees: [OFFICER],
    title: { zh: `案件 浙杭知执〔2026〕${n}号 立案审查`, en: `Case 浙杭知执〔2026〕${n}号 filing review` },
    link: `/cases/${n}`,
    ...over,
  };
};

describe('DeadlineSweeper (real PostgreSQL, national calendar)', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let sweeper: DeadlineSweeper;
  const source = new MemorySource('memory');
  const other = new MemorySource('memory-other');

  beforeAll(async () => {
    db = await createTestDatabase();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }),
        DatabaseModule,
        OutboxModule,
        CalendarModule,
        AuditModule,
        DeadlineModule,
      ],
    })
      .overrideProvider(DeadlineSettings)
      // A batch of 2 so every sweep below spans several transactions.
      .useValue(DeadlineSettings.of({ dueSoonWorkingDays: 2, escalateAfterWorkingDays: 3, batchSize: 2 }))
      .compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    moduleRef.get(DeadlineSourceRegistry).register(source);
    moduleRef.get(DeadlineSourceRegistry).register(other);
    sweeper = moduleRef.get(DeadlineSweeper);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  beforeEach(() => {
    source.items = [];
    source.failWith = null;
    other.items = [];
  });

  const outboxOf = async (itemId: string) =>
    (await db.sql(
      `SELECT id::text, topic, payload FROM outbox WHERE payload -> 'data' ->> 'itemId' = $1 ORDER BY id`,
      [itemId],
    )) as OutboxRow[];
  const noticesOf = async (itemId: string) =>
    (await db.sql(
      `SELECT source, deadline_key, kind, due_at, outbox_id::text FROM deadline_notices WHERE item_id = $1
        ORDER BY kind`,
      [itemId],
    )) as { source: string; deadline_key: string; kind: string; due_at: Date; outbox_id: string }[];
  const kindsOf = async (itemId: string) => (await outboxOf(itemId)).map((r) => r.topic);

  describe('across the 2026 National Day holiday (10-01..10-07; 09-30 and 10-08 are working days)', () => {
    it('is not due soon two working days ahead of it, then is, on the next working day', async () => {
      const oct9 = item(dueEnd('2026-10-09'));
      const oct8 = item(dueEnd('2026-10-08'));
      const later = item(dueEnd('2026-10-12'));
      source.items = [oct9, oct8, later];

      // Tuesday 09-29: 2 working days ahead are 09-30 and 10-08, so the horizon is the end of 10-08.
      // (Counting Monday–Friday only, it would be 10-01, and the 10-08 deadline would not be due soon either.)
      const first = await sweeper.sweep(at('2026-09-29T10:00'));
      // The source is asked for what is due before 10-09 00:00, so the 10-09 deadline is not even scanned.
      expect(first).toMatchObject({
        ran: true,
        sources: 2,
        scanned: 1,
        dueSoon: 1,
        overdue: 0,
        escalated: 0,
      });
      expect(source.windows.at(-1)).toEqual({ dueBefore: at('2026-10-09T00:00') });
      expect(await kindsOf(oct8.itemId)).toEqual(['deadline.due_soon']);
      expect(await kindsOf(oct9.itemId)).toEqual([]);

      // Wednesday 09-30: 10-08 and 10-09 → horizon end of 10-09 (weekdays only would say 10-02: not due soon).
      const second = await sweeper.sweep(at('2026-09-30T10:00'));
      expect(second).toMatchObject({ scanned: 2, dueSoon: 1, overdue: 0, escalated: 0 });
      const [row] = await outboxOf(oct9.itemId);
      expect(row.topic).toBe('deadline.due_soon');
      expect(row.payload).toEqual({
        to: { users: [OFFICER] },
        title: { zh: `期限将至：${oct9.title.zh}`, en: `Deadline approaching: ${oct9.title.en}` },
        body: {
          zh: `「${oct9.title.zh}」将于 2026年10月9日 届满，还剩 2 个工作日。`,
          en: `"${oct9.title.en}" is due on 9 Oct 2026, 2 working days from today.`,
        },
        link: oct9.link,
        data: {
          source: 'memory',
          itemId: oct9.itemId,
          deadlineKey: 'filing',
          kind: 'due_soon',
          dueAt: oct9.dueAt.toISOString(),
          dueDate: '2026-10-09',
          officeId: OFFICE,
          regionCode: '330102',
          workingDaysLeft: 2,
        },
      });
      expect(await noticesOf(oct9.itemId)).toEqual([
        { source: 'memory', deadline_key: 'filing', kind: 'due_soon', due_at: oct9.dueAt, outbox_id: row.id },
      ]);
      expect(await kindsOf(later.itemId)).toEqual([]);
    });

    it('reads the calendar table as it is now (an admin edit moves the horizon)', async () => {
      const calendar = moduleRef.get(CalendarService);
      const oct9 = item(dueEnd('2026-10-09'));
      source.items = [oct9];
      expect(await sweeper.sweep(at('2026-09-29T10:00'))).toMatchObject({ dueSoon: 0 });
      // Make Thursday 10-08 a holiday too: from 09-29, two working days are now 09-30 and 10-09.
      await calendar.setDay(SYSTEM_ACTOR, '2026-10-08', { kind: 'holiday', name: '测试' });
      try {
        expect(await sweeper.sweep(at('2026-09-29T10:00'))).toMatchObject({ dueSoon: 1 });
      } finally {
        await calendar.deleteDay(SYSTEM_ACTOR, '2026-10-08');
      }
      expect(await kindsOf(oct9.itemId)).toEqual(['deadline.due_soon']);
    });

    it('counts overdue working days on the calendar before escalating (holidays skipped, 调休 days counted)', async () => {
      const sep29 = item(dueEnd('2026-09-29'));
      source.items = [sep29];

      expect(await sweeper.sweep(at('2026-09-30T09:00'))).toMatchObject({ overdue: 1, escalated: 0 });
      // 10-07, the last holiday: still 1 working day overdue (Monday–Friday counting would say 6 and escalate).
      expect(await sweeper.sweep(at('2026-10-07T09:00'))).toMatchObject({ overdue: 0, escalated: 0 });
      expect(await sweeper.sweep(at('2026-10-08T09:00'))).toMatchObject({ overdue: 0, escalated: 0 });
      // 10-09: 09-30, 10-08, 10-09 → 3 working days overdue → escalated.
      expect(await sweeper.sweep(at('2026-10-09T09:00'))).toMatchObject({ overdue: 0, escalated: 1 });

      const rows = await outboxOf(sep29.itemId);
      expect(rows.map((r) => r.topic)).toEqual(['deadline.overdue', 'deadline.escalated']);
      const [overdue, escalated] = rows.map((r) => r.payload);
      expect(overdue.to).toEqual({ users: [OFFICER] });
      expect(overdue.title).toEqual({ zh: `已超期：${sep29.title.zh}`, en: `Overdue: ${sep29.title.en}` });
      expect(overdue.body).toEqual({
        zh: `「${sep29.title.zh}」已于 2026年9月29日 届满，已超期 1 个工作日，请尽快办理。`,
        en: `"${sep29.title.en}" was due on 29 Sep 2026 and is 1 working day overdue. Please act on it now.`,
      });
      expect(escalated.to).toEqual({ supervisorsOf: '330102', users: [OFFICER] });
      expect(escalated.title).toEqual({
        zh: `超期督办：${sep29.title.zh}`,
        en: `Escalated, overdue: ${sep29.title.en}`,
      });
      expect(escalated.body.zh).toBe(
        `「${sep29.title.zh}」已于 2026年9月29日 届满，已超期 3 个工作日，现提请上级督办。`,
      );
      expect(escalated.body.en).toBe(
        `"${sep29.title.en}" was due on 29 Sep 2026 and is 3 working days overdue; it has been escalated to the supervisors.`,
      );
      expect(escalated.data).toMatchObject({ kind: 'escalated', workingDaysOverdue: 3 });
      expect((await noticesOf(sep29.itemId)).map((n) => n.kind)).toEqual(['escalated', 'overdue']);
    });

    it('counts Saturday 10-10 (a make-up working day) towards escalation', async () => {
      const oct9 = item(dueEnd('2026-10-09'), { assignees: [] });
      source.items = [oct9];
      // Monday 10-12: 10-10 (Saturday, 调休上班) and 10-12 → 2; Monday–Friday counting would say 1.
      expect(await sweeper.sweep(at('2026-10-12T09:00'))).toMatchObject({ overdue: 1, escalated: 0 });
      expect(await sweeper.sweep(at('2026-10-13T09:00'))).toMatchObject({ overdue: 0, escalated: 1 });
      const [overdue, escalated] = (await outboxOf(oct9.itemId)).map((r) => r.payload);
      // Nobody assigned: the office's officers hear of it.
      expect(overdue.to).toEqual({ office: { id: OFFICE, roles: ['officer'] } });
      expect(escalated.to).toEqual({ supervisorsOf: '330102', office: { id: OFFICE, roles: ['officer'] } });
    });
  });

  describe('each notice once', () => {
    it('sweeping again emits nothing new; an item first seen long overdue gets overdue and escalated at once', async () => {
      const items = [1, 2, 3, 4, 5].map(() => item(dueEnd('2026-10-09')));
      const old = item(dueEnd('2026-09-01'));
      source.items = [...items, old];
      const now = at('2026-10-09T20:00');
      expect(await sweeper.sweep(now)).toMatchObject({ scanned: 6, dueSoon: 5, overdue: 1, escalated: 1 });
      expect(await sweeper.sweep(now)).toMatchObject({ scanned: 6, dueSoon: 0, overdue: 0, escalated: 0 });
      expect(await sweeper.sweep(at('2026-10-09T21:00'))).toMatchObject({ dueSoon: 0 });
      for (const i of items) expect(await kindsOf(i.itemId)).toEqual(['deadline.due_soon']);
      expect((await kindsOf(old.itemId)).sort()).toEqual(['deadline.escalated', 'deadline.overdue']);
    });

    it('two sweeps at once: one runs, the other finds the lock taken; one row each', async () => {
      const items = Array.from({ length: 9 }, () => item(dueEnd('2026-10-09')));
      source.items = items;
      const now = at('2026-10-08T09:00');
      const results = await Promise.all([sweeper.sweep(now), sweeper.sweep(now), sweeper.sweep(now)]);
      expect(results.reduce((n, r) => n + r.dueSoon, 0)).toBe(9);
      for (const i of items) {
        expect(await kindsOf(i.itemId)).toEqual(['deadline.due_soon']);
        expect(await noticesOf(i.itemId)).toHaveLength(1);
      }
    });

    it('concurrent emitters (no lock) claim each notice once', async () => {
      const emitter = moduleRef.get(DeadlineNoticeEmitter);
      const settings = DeadlineSettings.of();
      const now = at('2026-10-08T09:00');
      const clock = sweepClock(now, await moduleRef.get(CalendarService).snapshot(), settings);
      const pending: PendingNotice[] = Array.from({ length: 40 }, () => item(dueEnd('2026-10-09'))).map(
        (i) => ({ item: i, kind: 'due_soon' as const, status: deadlineStatus(i.dueAt, clock) }),
      );
      const reversed = [...pending].reverse();
      const emitted = await Promise.all([
        emitter.emit('memory', pending),
        emitter.emit('memory', reversed),
        emitter.emit('memory', pending),
      ]);
      expect(emitted.flat()).toHaveLength(40);
      for (const p of pending) expect(await kindsOf(p.item.itemId)).toEqual(['deadline.due_soon']);
    });

    it('a sweep does nothing (and does not wait) while another holds the lock', async () => {
      const i = item(dueEnd('2026-10-09'));
      source.items = [i];
      await db.sql(`SELECT pg_advisory_lock($1::bigint)`, [DEADLINE_SWEEP_LOCK_KEY]);
      try {
        expect(await sweeper.sweep(at('2026-10-08T09:00'))).toMatchObject({ ran: false, scanned: 0 });
      } finally {
        await db.sql(`SELECT pg_advisory_unlock($1::bigint)`, [DEADLINE_SWEEP_LOCK_KEY]);
      }
      expect(await kindsOf(i.itemId)).toEqual([]);
      expect(await sweeper.sweep(at('2026-10-08T09:00'))).toMatchObject({ ran: true, dueSoon: 1 });
    });

    it('a moved deadline notifies again for its new instant, once', async () => {
      const i = item(dueEnd('2026-10-09'));
      source.items = [i];
      expect(await sweeper.sweep(at('2026-09-30T10:00'))).toMatchObject({ dueSoon: 1 });

      // Extended to Friday 10-16 (recorded by the context): due soon again from Wednesday 10-14.
      const extended = { ...i, dueAt: dueEnd('2026-10-16') };
      source.items = [extended];
      expect(await sweeper.sweep(at('2026-10-09T10:00'))).toMatchObject({ scanned: 0, dueSoon: 0 });
      expect(await sweeper.sweep(at('2026-10-14T10:00'))).toMatchObject({ dueSoon: 1 });
      expect(await sweeper.sweep(at('2026-10-14T11:00'))).toMatchObject({ dueSoon: 0 });
      expect(await sweeper.sweep(at('2026-10-17T10:00'))).toMatchObject({ overdue: 1 });

      const rows = await outboxOf(i.itemId);
      expect(rows.map((r) => [r.topic, r.payload.data.dueDate])).toEqual([
        ['deadline.due_soon', '2026-10-09'],
        ['deadline.due_soon', '2026-10-16'],
        ['deadline.overdue', '2026-10-16'],
      ]);
      expect(await noticesOf(i.itemId)).toEqual([
        expect.objectContaining({ kind: 'due_soon', due_at: extended.dueAt, outbox_id: rows[1].id }),
        expect.objectContaining({ kind: 'overdue', due_at: extended.dueAt, outbox_id: rows[2].id }),
      ]);
    });

    it('keeps deadlines of one item apart, and items of different sources apart', async () => {
      const filing = item(dueEnd('2026-10-09'));
      const closing = { ...filing, deadlineKey: 'closing', dueAt: dueEnd('2026-10-08') };
      source.items = [filing, closing];
      other.items = [{ ...filing }];
      expect(await sweeper.sweep(at('2026-10-08T09:00'))).toMatchObject({ scanned: 3, dueSoon: 3 });
      const notices = await noticesOf(filing.itemId);
      expect(notices.map((n) => `${n.source}/${n.deadline_key}`).sort()).toEqual([
        'memory-other/filing',
        'memory/closing',
        'memory/filing',
      ]);
    });
  });

  describe('bad input and faults', () => {
    it('skips malformed items and still emits the good ones', async () => {
      const good = item(dueEnd('2026-10-09'));
      source.items = [
        good,
        { ...good }, // the same deadline twice in one batch
        item(new Date('nonsense')),
        item(dueEnd('2026-10-09'), { deadlineKey: '' }),
        item(dueEnd('2026-10-09'), { officeId: '' }),
      ];
      // NaN dates never pass the window test of MemorySource; the others do.
      expect(await sweeper.sweep(at('2026-10-08T09:00'))).toMatchObject({
        scanned: 4,
        dueSoon: 1,
        invalid: 3,
      });
      expect(await kindsOf(good.itemId)).toEqual(['deadline.due_soon']);
    });

    it('a failing source does not stop the others; the sweep then fails (for BullMQ to retry)', async () => {
      const mine = item(dueEnd('2026-10-09'));
      const theirs = item(dueEnd('2026-10-09'));
      source.items = [mine];
      source.failWith = new Error('cases table unreachable');
      other.items = [theirs];
      const failure = await sweeper.sweep(at('2026-10-08T09:00')).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(DeadlineSweepError);
      expect((failure as Error).message).toMatch(/memory \(cases table unreachable\)/);
      expect(await kindsOf(theirs.itemId)).toEqual(['deadline.due_soon']);
      expect(await kindsOf(mine.itemId)).toEqual([]);
      // The lock was released: the retry runs.
      source.failWith = null;
      expect(await sweeper.sweep(at('2026-10-08T09:00'))).toMatchObject({ ran: true, dueSoon: 1 });
    });

    it('refuses a second source with a taken name', () => {
      expect(() => moduleRef.get(DeadlineSourceRegistry).register(new MemorySource('memory'))).toThrow(
        /already registered/,
      );
    });
  });
});
