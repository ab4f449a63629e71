import { endOfShanghaiDay, WorkingCalendar } from '@app/domain';
import { deadlineAudience, deadlineNoticeMessage, formatDue } from './deadline-notice.messages';
import type { DeadlineSource, TrackedDeadline } from './deadline-source';
import { DeadlineSourceRegistry } from './deadline-source.registry';
import { deadlineStatus, sweepClock } from './deadline.rules';
import { DeadlineSettings } from './deadline.settings';

/** The 2026 National Day arrangement (国办发明电〔2025〕7号): 10-01..10-07 off, Sunday 09-20 and Saturday 10-10 worked. */
const calendar2026 = new WorkingCalendar(
  [
    { date: '2026-09-20', kind: 'workday' },
    { date: '2026-09-25', kind: 'holiday' },
    ...['01', '02', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, kind: 'holiday' as const })),
    { date: '2026-10-10', kind: 'workday' },
  ],
  [2026],
);
const weekendsOnly = new WorkingCalendar([], [2026]);
const at = (local: string) => new Date(`${local}+08:00`);
const settings = { dueSoonWorkingDays: 2, escalateAfterWorkingDays: 3 };

const tracked = (dueAt: Date, over: Partial<TrackedDeadline> = {}): TrackedDeadline => ({
  itemId: 'c1',
  deadlineKey: 'filing',
  dueAt,
  officeId: 'office-1',
  regionCode: '330102',
  assignees: ['u1', 'u2', 'u1'],
  title: { zh: '案件 浙杭知执〔2026〕12号 立案审查', en: 'Case 浙杭知执〔2026〕12号 filing review' },
  ...over,
});

describe('sweepClock', () => {
  it('puts the horizon at the end of the N-th working day after today, on the calendar', () => {
    const clock = sweepClock(at('2026-09-29T10:00'), calendar2026, settings);
    expect(clock).toMatchObject({ today: '2026-09-29', horizonDate: '2026-10-08' });
    expect(clock.horizon).toEqual(endOfShanghaiDay('2026-10-08'));
    expect(clock.dueBefore).toEqual(at('2026-10-09T00:00'));
    // Monday–Friday counting would stop inside the holiday.
    expect(sweepClock(at('2026-09-29T10:00'), weekendsOnly, settings).horizonDate).toBe('2026-10-01');
  });

  it('takes "today" in Asia/Shanghai (01:00 on 09-30 is 17:00 UTC on 09-29)', () => {
    const clock = sweepClock(new Date('2026-09-29T17:00:00Z'), calendar2026, settings);
    expect(clock).toMatchObject({ today: '2026-09-30', horizonDate: '2026-10-09' });
  });

  it('counts from a rest day too (Saturday 10-03 + 2 working days = 10-09)', () => {
    expect(sweepClock(at('2026-10-03T12:00'), calendar2026, settings).horizonDate).toBe('2026-10-09');
  });
});

describe('deadlineStatus', () => {
  const clockAt = (local: string) => sweepClock(at(local), calendar2026, settings);

  it('due soon up to the horizon, not after', () => {
    expect(deadlineStatus(endOfShanghaiDay('2026-10-08'), clockAt('2026-09-29T10:00'))).toEqual({
      kinds: ['due_soon'],
      workingDaysOverdue: 0,
      workingDaysLeft: 2,
    });
    expect(deadlineStatus(endOfShanghaiDay('2026-10-09'), clockAt('2026-09-29T10:00')).kinds).toEqual([]);
    expect(deadlineStatus(endOfShanghaiDay('2026-10-09'), clockAt('2026-09-30T10:00')).kinds).toEqual([
      'due_soon',
    ]);
  });

  it('overdue from the due instant (never also due soon), escalated after N working days overdue', () => {
    const due = endOfShanghaiDay('2026-09-29');
    expect(deadlineStatus(due, clockAt('2026-09-29T23:00')).kinds).toEqual(['due_soon']);
    expect(deadlineStatus(due, clockAt('2026-09-30T00:00'))).toEqual({
      kinds: ['overdue'],
      workingDaysOverdue: 1,
      workingDaysLeft: 0,
    });
    expect(deadlineStatus(due, clockAt('2026-10-07T12:00'))).toMatchObject({
      kinds: ['overdue'],
      workingDaysOverdue: 1,
    });
    expect(deadlineStatus(due, clockAt('2026-10-09T08:00'))).toMatchObject({
      kinds: ['overdue', 'escalated'],
      workingDaysOverdue: 3,
    });
  });

  it('a deadline in the middle of a day is overdue that same day, 0 working days', () => {
    expect(deadlineStatus(at('2026-10-08T17:00'), clockAt('2026-10-08T18:00'))).toEqual({
      kinds: ['overdue'],
      workingDaysOverdue: 0,
      workingDaysLeft: 0,
    });
  });
});

describe('deadline notice messages', () => {
  it('formats the due instant in Asia/Shanghai, with the time unless it is the end of the day', () => {
    expect(formatDue(endOfShanghaiDay('2026-10-08'))).toEqual({ zh: '2026年10月8日', en: '8 Oct 2026' });
    expect(formatDue(new Date('2026-10-08T09:30:00Z'))).toEqual({
      zh: '2026年10月8日 17:30',
      en: '8 Oct 2026, 17:30',
    });
  });

  it('addresses assignees (once each), else the office officers; escalations add the supervisors', () => {
    expect(deadlineAudience(tracked(new Date()), 'due_soon')).toEqual({ users: ['u1', 'u2'] });
    expect(deadlineAudience(tracked(new Date(), { assignees: [] }), 'overdue')).toEqual({
      office: { id: 'office-1', roles: ['officer'] },
    });
    expect(deadlineAudience(tracked(new Date()), 'escalated')).toEqual({
      supervisorsOf: '330102',
      users: ['u1', 'u2'],
    });
  });

  it('writes the topic and both languages', () => {
    const item = tracked(endOfShanghaiDay('2026-10-09'), { link: '/cases/c1' });
    const today = deadlineNoticeMessage('cases', item, 'due_soon', {
      kinds: ['due_soon'],
      workingDaysLeft: 0,
      workingDaysOverdue: 0,
    });
    expect(today.topic).toBe('deadline.due_soon');
    expect(today.payload.body).toEqual({
      zh: '「案件 浙杭知执〔2026〕12号 立案审查」将于今天（2026年10月9日）届满。',
      en: '"Case 浙杭知执〔2026〕12号 filing review" is due today (9 Oct 2026).',
    });
    expect(today.payload.link).toBe('/cases/c1');
    const overdue = deadlineNoticeMessage('cases', item, 'overdue', {
      kinds: ['overdue'],
      workingDaysLeft: 0,
      workingDaysOverdue: 2,
    });
    expect(overdue.topic).toBe('deadline.overdue');
    expect(overdue.payload.body.zh).toContain('已超期 2 个工作日');
    expect(overdue.payload.body.en).toContain('2 working days overdue');
    expect(overdue.payload.data).toMatchObject({
      source: 'cases',
      workingDaysOverdue: 2,
      dueDate: '2026-10-09',
    });
    const escalated = deadlineNoticeMessage('cases', item, 'escalated', {
      kinds: ['overdue', 'escalated'],
      workingDaysLeft: 0,
      workingDaysOverdue: 3,
    });
    expect(escalated.topic).toBe('deadline.escalated');
    expect(escalated.payload.title.zh).toBe('超期督办：案件 浙杭知执〔2026〕12号 立案审查');
  });
});

describe('DeadlineSettings and DeadlineSourceRegistry', () => {
  it('has the documented defaults and refuses values out of range', () => {
    expect({ ...DeadlineSettings.of() }).toEqual({
      dueSoonWorkingDays: 2,
      escalateAfterWorkingDays: 3,
      sweepMinutes: 5,
      batchSize: 100,
    });
    expect(() => DeadlineSettings.of({ sweepMinutes: 0 })).toThrow(/sweepMinutes/);
    expect(() => DeadlineSettings.of({ dueSoonWorkingDays: 1.5 })).toThrow(/dueSoonWorkingDays/);
  });

  it('lists sources in registration order and refuses taken or empty names', () => {
    const registry = new DeadlineSourceRegistry();
    const source = (name: string): DeadlineSource => ({ name, openItems: async function* () {} });
    registry.register(source('cases'));
    registry.register(source('complaints'));
    expect(registry.list().map((s) => s.name)).toEqual(['cases', 'complaints']);
    expect(() => registry.register(source('cases'))).toThrow('Deadline source "cases" is already registered');
    expect(() => registry.register(source(' '))).toThrow(/non-empty name/);
  });
});
