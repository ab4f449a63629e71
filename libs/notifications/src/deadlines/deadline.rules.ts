import { addDays, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, type IsoDate } from '@app/domain';
import type { WorkingCalendar } from '@app/domain';
import type { TopicName } from '@app/contracts';

/** The notices a deadline can produce (deadline_notices.kind). */
export const DEADLINE_NOTICE_KINDS = ['due_soon', 'overdue', 'escalated'] as const;
export type DeadlineNoticeKind = (typeof DEADLINE_NOTICE_KINDS)[number];

export const DEADLINE_TOPIC: Record<DeadlineNoticeKind, TopicName> = {
  due_soon: 'deadline.due_soon',
  overdue: 'deadline.overdue',
  escalated: 'deadline.escalated',
};

/** Where one sweep stands: computed once per sweep from the calendar snapshot. */
export interface SweepClock {
  now: Date;
  /** Today in Asia/Shanghai. */
  today: IsoDate;
  /** The working day `dueSoonWorkingDays` working days after today. */
  horizonDate: IsoDate;
  /** The end of `horizonDate` (Asia/Shanghai): a deadline at or before it is due soon. */
  horizon: Date;
  /** What sources are asked for: everything due before the start of the day after the horizon. */
  dueBefore: Date;
  escalateAfterWorkingDays: number;
  calendar: WorkingCalendar;
}

export function sweepClock(
  now: Date,
  calendar: WorkingCalendar,
  settings: { dueSoonWorkingDays: number; escalateAfterWorkingDays: number },
): SweepClock {
  const today = shanghaiDate(now);
  // With 2 working days on Tuesday 2026-09-29: 09-30, then (National Day 10-01..07) 10-08 → horizon end of 10-08.
  const horizonDate = calendar.addWorkingDays(today, settings.dueSoonWorkingDays);
  return {
    now,
    today,
    horizonDate,
    horizon: endOfShanghaiDay(horizonDate),
    dueBefore: startOfShanghaiDay(addDays(horizonDate, 1)),
    escalateAfterWorkingDays: settings.escalateAfterWorkingDays,
    calendar,
  };
}

export interface DeadlineStatus {
  /** The notices the deadline calls for now (an overdue deadline is never also "due soon"). */
  kinds: DeadlineNoticeKind[];
  /** Working days from the due date to today (Asia/Shanghai), the due date not counted; 0 when not overdue. */
  workingDaysOverdue: number;
  /** Working days from today to the due date, today not counted; 0 when overdue or due today. */
  workingDaysLeft: number;
}

/**
 * What a deadline calls for at `clock.now` (design.md rule 3):
 * - overdue once `now >= dueAt`; escalated as well once it is `escalateAfterWorkingDays` working days overdue,
 *   counted on the calendar: workingDaysBetween(due date, today) — holidays and weekends do not count, 调休
 *   make-up working days do;
 * - otherwise due soon when `dueAt` is at or before the horizon (end of the working day N working days ahead).
 */
export function deadlineStatus(dueAt: Date, clock: SweepClock): DeadlineStatus {
  const dueDate = shanghaiDate(dueAt);
  if (clock.now.getTime() >= dueAt.getTime()) {
    const workingDaysOverdue = Math.max(0, clock.calendar.workingDaysBetween(dueDate, clock.today));
    const kinds: DeadlineNoticeKind[] =
      workingDaysOverdue >= clock.escalateAfterWorkingDays ? ['overdue', 'escalated'] : ['overdue'];
    return { kinds, workingDaysOverdue, workingDaysLeft: 0 };
  }
  const workingDaysLeft = Math.max(0, clock.calendar.workingDaysBetween(clock.today, dueDate));
  return {
    kinds: dueAt.getTime() <= clock.horizon.getTime() ? ['due_soon'] : [],
    workingDaysOverdue: 0,
    workingDaysLeft,
  };
}
