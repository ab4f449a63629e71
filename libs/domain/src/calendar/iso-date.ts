import { DomainError } from '../domain-error';

/**
 * Plain calendar dates as 'YYYY-MM-DD' strings. Deadline arithmetic happens on these local (Asia/Shanghai) dates,
 * never on instants, so there is no time-zone or DST drift; conversion to instants lives in `shanghai-time.ts`.
 * Arithmetic goes through "epoch days" (days since 1970-01-01) with integer civil-calendar formulas
 * (H. Hinnant's days_from_civil), so no Date objects are allocated on hot paths.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written exactly as 'YYYY-MM-DD'. */
export function isValidIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Throws `VALIDATION_FAILED` unless `value` is a real 'YYYY-MM-DD' date. */
export function assertIsoDate(value: unknown, field = 'date'): asserts value is IsoDate {
  if (!isValidIsoDate(value)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `${field} must be a real date written YYYY-MM-DD, got ${String(value)}`,
      {
        field,
        value,
      },
    );
  }
}

function parts(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Days since 1970-01-01 (negative before). */
export function toEpochDay(date: IsoDate): number {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of {@link toEpochDay}. */
export function fromEpochDay(epochDay: number): IsoDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return weekdayOfEpochDay(toEpochDay(date));
}

export function weekdayOfEpochDay(epochDay: number): number {
  // 1970-01-01 was a Thursday (4).
  return (((epochDay + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date);
  return dow === 0 || dow === 6;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + n);
}

/** `b − a` in days. */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/**
 * Adds calendar months; a day that does not exist in the target month is clamped to its last day
 * (2026-01-31 + 1 month = 2026-02-28; 2024-01-31 + 1 = 2024-02-29). This is the civil-law reading of a period in
 * months: it ends on the corresponding day of the final month, or on that month's last day if there is none.
 */
export function addCalendarMonths(date: IsoDate, n: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
