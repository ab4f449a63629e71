import { DomainError } from '../domain-error';
import { CALENDAR_NO_DATA_WARNING, type CalendarDay, type CalendarResult } from './calendar-day';
import {
  addCalendarMonths,
  assertIsoDate,
  fromEpochDay,
  toEpochDay,
  weekdayOfEpochDay,
  yearOf,
  type IsoDate,
} from './iso-date';

export interface RollOption {
  /**
   * If the period ends on a day that is not a working day, move the end to the next working day. This is the
   * civil-procedure counting rule (民事诉讼法: a period whose last day is a statutory rest day ends on the first day
   * after it), which domain.md §6 marks [U] for administrative periods — the rule table decides per step.
   */
  rollToWorkingDay?: boolean;
}

/** Upper bounds that refuse absurd input (about 40 years of working days, 270 years of days, 1,000 years). */
const MAX_WORKING_DAYS = 10_000;
const MAX_NATURAL_DAYS = 100_000;
const MAX_MONTHS = 12_000;

/**
 * The working-day calendar (domain.md §6). Built from the holiday table (holidays and make-up working days) and the
 * list of years for which an official notice exists; years outside that list fall back to "Saturday and Sunday off",
 * and every computation touching such a year reports a `CALENDAR_NO_DATA` warning.
 *
 * Counting convention: the start day is never counted (domain.md §6 "Counting").
 *
 * Immutable; construct a new one when the table changes. Lookups are O(1) (a Map keyed by epoch day) and
 * {@link workingDaysBetween} is O(log n) (arithmetic weekday count corrected by binary search over the overrides).
 */
export class WorkingCalendar {
  private readonly entries = new Map<number, CalendarDay>();
  /** Sorted epoch days of weekdays that are off. */
  private readonly extraOff: number[];
  /** Sorted epoch days of weekend days that are working days. */
  private readonly extraWork: number[];
  private readonly covered: ReadonlySet<number>;

  constructor(days: readonly CalendarDay[], coveredYears: readonly number[]) {
    for (const day of days) {
      assertIsoDate(day.date, 'calendar day');
      if (day.kind !== 'holiday' && day.kind !== 'workday') {
        throw new DomainError(
          'VALIDATION_FAILED',
          `Calendar day ${day.date} has unknown kind ${String(day.kind)}`,
          {
            date: day.date,
          },
        );
      }
      const epochDay = toEpochDay(day.date);
      const existing = this.entries.get(epochDay);
      if (existing && existing.kind !== day.kind) {
        throw new DomainError(
          'VALIDATION_FAILED',
          `Calendar day ${day.date} is listed as both holiday and workday`,
          {
            date: day.date,
          },
        );
      }
      if (!existing) this.entries.set(epochDay, { ...day });
    }
    const off: number[] = [];
    const work: number[] = [];
    for (const [epochDay, day] of this.entries) {
      const weekend = isWeekendEpochDay(epochDay);
      if (day.kind === 'holiday' && !weekend) off.push(epochDay);
      if (day.kind === 'workday' && weekend) work.push(epochDay);
    }
    this.extraOff = off.sort((a, b) => a - b);
    this.extraWork = work.sort((a, b) => a - b);
    this.covered = new Set(coveredYears);
  }

  /** Years with official data, ascending. */
  get coveredYears(): number[] {
    return [...this.covered].sort((a, b) => a - b);
  }

  /** The table entry for `date`, if any (for labels such as '国庆节'). */
  entryFor(date: IsoDate): CalendarDay | undefined {
    assertIsoDate(date);
    return this.entries.get(toEpochDay(date));
  }

  isWorkingDay(date: IsoDate): boolean {
    assertIsoDate(date);
    return this.isWorkingEpochDay(toEpochDay(date));
  }

  /** `date` itself if it is a working day, else the next working day. */
  nextWorkingDayFrom(date: IsoDate): IsoDate {
    assertIsoDate(date);
    let day = toEpochDay(date);
    while (!this.isWorkingEpochDay(day)) day++;
    return fromEpochDay(day);
  }

  /** True when the year of `date` has official holiday data. */
  hasDataFor(date: IsoDate): boolean {
    assertIsoDate(date);
    return this.covered.has(yearOf(date));
  }

  /** Years between the two dates (inclusive, either order) without official data, ascending. */
  coverage(dateFrom: IsoDate, dateTo: IsoDate): number[] {
    assertIsoDate(dateFrom, 'dateFrom');
    assertIsoDate(dateTo, 'dateTo');
    const [a, b] = [yearOf(dateFrom), yearOf(dateTo)].sort((x, y) => x - y);
    const missing: number[] = [];
    for (let y = a; y <= b; y++) if (!this.covered.has(y)) missing.push(y);
    return missing;
  }

  /**
   * The date of the n-th working day after `start` (start not counted; n = 0 returns `start`).
   * e.g. with the 2026 notice, addWorkingDays('2026-09-30', 1) = '2026-10-08'.
   */
  addWorkingDays(start: IsoDate, n: number): IsoDate {
    return this.addWorkingDaysDetailed(start, n).date;
  }

  addWorkingDaysDetailed(start: IsoDate, n: number): CalendarResult {
    assertIsoDate(start, 'start');
    assertCount(n, MAX_WORKING_DAYS);
    let day = toEpochDay(start);
    for (let counted = 0; counted < n;) {
      day++;
      if (this.isWorkingEpochDay(day)) counted++;
    }
    return this.result(start, fromEpochDay(day));
  }

  /**
   * Working days in (a, b]: a is not counted, b is. Negative when b < a (−(working days in (b, a])), so that
   * `workingDaysBetween(s, addWorkingDays(s, n)) === n`.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    assertIsoDate(a, 'a');
    assertIsoDate(b, 'b');
    return this.workingDayIndex(toEpochDay(b)) - this.workingDayIndex(toEpochDay(a));
  }

  /** `start` + n natural days (start not counted), optionally rolled to the next working day. */
  addNaturalDays(start: IsoDate, n: number, options: RollOption = {}): IsoDate {
    return this.addNaturalDaysDetailed(start, n, options).date;
  }

  addNaturalDaysDetailed(start: IsoDate, n: number, options: RollOption = {}): CalendarResult {
    assertIsoDate(start, 'start');
    assertCount(n, MAX_NATURAL_DAYS);
    return this.rolled(start, fromEpochDay(toEpochDay(start) + n), options);
  }

  /** `start` + n calendar months, clamped to the month end (Jan 31 + 1 = Feb 28/29), optionally rolled. */
  addMonths(start: IsoDate, n: number, options: RollOption = {}): IsoDate {
    return this.addMonthsDetailed(start, n, options).date;
  }

  addMonthsDetailed(start: IsoDate, n: number, options: RollOption = {}): CalendarResult {
    assertIsoDate(start, 'start');
    assertCount(n, MAX_MONTHS);
    return this.rolled(start, addCalendarMonths(start, n), options);
  }

  private isWorkingEpochDay(epochDay: number): boolean {
    const entry = this.entries.get(epochDay);
    return entry ? entry.kind === 'workday' : !isWeekendEpochDay(epochDay);
  }

  /** Result of a computation that consulted the calendar over [start, end]. */
  private result(start: IsoDate, end: IsoDate): CalendarResult {
    const missingYears = this.coverage(start, end);
    return { date: end, warnings: missingYears.length ? [CALENDAR_NO_DATA_WARNING] : [], missingYears };
  }

  private rolled(start: IsoDate, end: IsoDate, options: RollOption): CalendarResult {
    // Without rolling, natural-day and month arithmetic never consults the holiday table, so there is nothing to warn.
    return options.rollToWorkingDay
      ? this.result(start, this.nextWorkingDayFrom(end))
      : { date: end, warnings: [], missingYears: [] };
  }

  /**
   * A running count of working days up to and including `epochDay`, from an arbitrary origin: only differences are
   * meaningful. Weekdays are counted arithmetically, then corrected by the overrides on or before the day.
   */
  private workingDayIndex(epochDay: number): number {
    return (
      weekdaysThrough(epochDay) +
      countAtOrBefore(this.extraWork, epochDay) -
      countAtOrBefore(this.extraOff, epochDay)
    );
  }
}

function isWeekendEpochDay(epochDay: number): boolean {
  const dow = weekdayOfEpochDay(epochDay);
  return dow === 0 || dow === 6;
}

/** Monday-to-Friday days from Monday 1969-12-29 (epoch day −3) through `epochDay`; negative before it. */
function weekdaysThrough(epochDay: number): number {
  const days = epochDay + 4; // days in [1969-12-29, epochDay]
  const weeks = Math.floor(days / 7);
  return weeks * 5 + Math.min(days - weeks * 7, 5);
}

/** Number of elements ≤ value in an ascending array (binary search). */
function countAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function assertCount(n: number, max: number): void {
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new DomainError('VALIDATION_FAILED', `Day count must be an integer from 0 to ${max}, got ${n}`, {
      n,
    });
  }
}
