import { DomainError } from '../domain-error';
import { CALENDAR_NO_DATA_WARNING } from './calendar-day';
import {
  addCalendarMonths,
  assertIsoDate,
  diffDays,
  fromEpochDay,
  toEpochDay,
  type IsoDate,
} from './iso-date';
import { endOfShanghaiDay, shanghaiDate } from './shanghai-time';
import type { WorkingCalendar } from './working-calendar';

/**
 * Units of statutory time limits (domain.md "Units"): 个工作日 = WD, bare 日 = ND, 月 = MONTH, 小时 = HOUR.
 * Which unit a rule uses is the rule table's call (e.g. 行政强制法 Art 69: periods of ten days or less mean WD).
 */
export type PeriodUnit = 'WD' | 'ND' | 'MONTH' | 'HOUR';

export interface Duration {
  amount: number;
  unit: PeriodUnit;
}

/**
 * A stretch during which the clock is stopped (中止, 公告, 检验鉴定, 听证, jurisdiction objection, settlement,
 * 权利人辨认 … — domain.md §6). Half-open: the clock stops on `from` (the day of suspension) and runs again on `to`
 * (the day of resumption, which counts). No `to` means the pause is still open.
 */
export interface Period {
  from: IsoDate;
  to?: IsoDate;
}

export interface DeadlineSpec {
  /** The triggering date (receipt, 立案, decision, …). Not counted. */
  start: IsoDate;
  /** Exact triggering instant; required for HOUR limits (e.g. transfer to the police within 24 hours). */
  startAt?: Date;
  amount: number;
  unit: PeriodUnit;
  /** Excluded periods. Not supported for HOUR limits. */
  pauses?: readonly Period[];
  /**
   * Approved extensions, applied in order after the base period, each in its own unit — e.g. Decree 81 Art 37:
   * 3 MONTH + 1 MONTH (head of department) + 2 MONTH (next level up); 执法办法 Art 36: 1 MONTH + 15 ND.
   */
  extensions?: readonly Duration[];
  /**
   * An ND/MONTH period ending on a rest day moves to the next working day (the civil-procedure rule; see
   * `RollOption` in working-calendar.ts). Off by default: the rule table decides per step.
   */
  rollToWorkingDay?: boolean;
}

export interface DeadlineResult {
  /** The last day of the period ('YYYY-MM-DD'), or null while an open pause stops the clock. */
  due: IsoDate | null;
  /** When the period expires: 23:59:59.999 +08:00 on `due`, or the exact instant for HOUR limits. */
  dueAt: Date | null;
  /** The start of the open pause that stops the clock, if any. */
  suspendedSince: IsoDate | null;
  /** Natural days between start and due (or the suspension) that fell inside pauses. */
  pausedDays: number;
  warnings: string[];
  missingYears: number[];
}

const UNITS: readonly PeriodUnit[] = ['WD', 'ND', 'MONTH', 'HOUR'];

/**
 * Computes the due date of a statutory time limit with excluded periods and extensions.
 *
 * - WD: counts working days after the start that are not inside a pause (working days in pauses are skipped).
 * - ND: counts natural days after the start that are not inside a pause, i.e. the due date moves by the number of
 *   paused natural days.
 * - MONTH: the month period is converted to its natural-day length from its own start (calendar months, clamped to
 *   the month end), then counted like ND, so pauses move it by the paused natural days. This is how Decree 81 Art 37
 *   reads: suspension, public notice, testing/appraisal, jurisdiction objection, evidence-period extension and
 *   settlement periods "不计入" the 3-month limit; likewise SAMR Decree 2 Art 18 (testing, 权利人辨认) for WD limits.
 * - HOUR: `startAt` + hours (extensions must be HOUR too); pauses are refused rather than guessed at.
 *
 * Each extension starts where the previous period ended. The start day is never counted (domain.md §6).
 * If `rollToWorkingDay` is set, a due date on a rest day moves to the next working day.
 */
export function deadlineWithTolling(spec: DeadlineSpec, calendar: WorkingCalendar): DeadlineResult {
  const segments: Duration[] = [{ amount: spec.amount, unit: spec.unit }, ...(spec.extensions ?? [])];
  const pauses = validate(spec, segments);

  if (spec.unit === 'HOUR') {
    const hours = segments.reduce((sum, s) => sum + s.amount, 0);
    const dueAt = new Date(spec.startAt!.getTime() + hours * 3_600_000);
    return {
      due: shanghaiDate(dueAt),
      dueAt,
      suspendedSince: null,
      pausedDays: 0,
      warnings: [],
      missingYears: [],
    };
  }

  const pauseOn = (epochDay: number): Period | undefined =>
    pauses.find((p) => epochDay >= p.fromDay && (p.toDay === undefined || epochDay < p.toDay))?.period;

  let day = toEpochDay(spec.start);
  let pausedDays = 0;
  const consultsCalendar = spec.rollToWorkingDay === true || segments.some((s) => s.unit === 'WD');
  for (const segment of segments) {
    const from = fromEpochDay(day);
    const target =
      segment.unit === 'MONTH' ? diffDays(from, addCalendarMonths(from, segment.amount)) : segment.amount;
    for (let counted = 0; counted < target;) {
      day++;
      const pause = pauseOn(day);
      if (pause && pause.to === undefined)
        return suspended(spec, pause.from, pausedDays, calendar, consultsCalendar);
      if (pause) pausedDays++;
      else if (segment.unit !== 'WD' || calendar.isWorkingDay(fromEpochDay(day))) counted++;
    }
  }

  let due = fromEpochDay(day);
  if (spec.rollToWorkingDay) due = calendar.nextWorkingDayFrom(due);
  const missingYears = consultsCalendar ? calendar.coverage(spec.start, due) : [];
  return {
    due,
    dueAt: endOfShanghaiDay(due),
    suspendedSince: null,
    pausedDays,
    warnings: missingYears.length ? [CALENDAR_NO_DATA_WARNING] : [],
    missingYears,
  };
}

function suspended(
  spec: DeadlineSpec,
  since: IsoDate,
  pausedDays: number,
  calendar: WorkingCalendar,
  consultsCalendar: boolean,
): DeadlineResult {
  const missingYears = consultsCalendar ? calendar.coverage(spec.start, since) : [];
  return {
    due: null,
    dueAt: null,
    suspendedSince: since,
    pausedDays,
    warnings: missingYears.length ? [CALENDAR_NO_DATA_WARNING] : [],
    missingYears,
  };
}

interface PauseDays {
  period: Period;
  fromDay: number;
  toDay?: number;
}

function validate(spec: DeadlineSpec, segments: readonly Duration[]): PauseDays[] {
  assertIsoDate(spec.start, 'start');
  for (const s of segments) {
    if (!UNITS.includes(s.unit) || !Number.isInteger(s.amount) || s.amount < 0 || s.amount > 100_000) {
      throw invalid(`A time limit needs a unit in ${UNITS.join('/')} and a whole amount ≥ 0`, { segment: s });
    }
    if ((s.unit === 'HOUR') !== (spec.unit === 'HOUR')) {
      throw invalid('HOUR limits cannot be mixed with day or month limits or extensions', { segment: s });
    }
  }
  if (spec.unit === 'HOUR') {
    if (!(spec.startAt instanceof Date) || Number.isNaN(spec.startAt.getTime())) {
      throw invalid('An HOUR limit needs the exact start instant (startAt)', {});
    }
    if (spec.pauses?.length) throw invalid('Pauses are not supported for HOUR limits', {});
    return [];
  }
  return (spec.pauses ?? []).map((period) => {
    assertIsoDate(period.from, 'pause.from');
    if (period.to === undefined) return { period, fromDay: toEpochDay(period.from) };
    assertIsoDate(period.to, 'pause.to');
    if (period.to < period.from)
      throw invalid(`Pause ends (${period.to}) before it starts (${period.from})`, { period });
    return { period, fromDay: toEpochDay(period.from), toDay: toEpochDay(period.to) };
  });
}

function invalid(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('VALIDATION_FAILED', message, details);
}
