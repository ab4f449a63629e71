import type { CalendarDay } from '@app/domain';
import { isWeekend } from '@app/domain';
import data from 'chinese-days/dist/chinese-days.json';

export interface PackageCalendar {
  /** Years the package has the State Council notice for, ascending. */
  years: number[];
  /** Weekday holidays and weekend make-up working days (调休上班), by date. */
  days: CalendarDay[];
}

type DayTable = Record<string, string>;

/**
 * The national holiday table shipped in the `chinese-days` package (dist/chinese-days.json, the data behind its
 * isWorkday/getDayDetail functions). Its functions cannot tell a year without data from a year without holidays
 * (2027-01-01 simply reads as a working day), so the raw table is read: a year is covered when the package lists
 * any day in it.
 *
 * Only exceptions to the Monday–Friday rule are kept (the calendar_days convention): holidays on weekdays and
 * working days on weekends. Entries read "English name,中文名,days"; the Chinese name is kept (e.g. 国庆节), and a
 * make-up working day carries the name of the holiday it belongs to.
 */
export function chineseDaysCalendar(): PackageCalendar {
  const holidays = data.holidays as DayTable;
  const workdays = data.workdays as DayTable;
  const years = new Set<number>();
  const days: CalendarDay[] = [];
  const nameOf = (entry: string) => entry.split(',')[1]?.trim() || entry;
  for (const [date, entry] of Object.entries(holidays)) {
    years.add(Number(date.slice(0, 4)));
    if (!isWeekend(date)) days.push({ date, kind: 'holiday', name: nameOf(entry) });
  }
  for (const [date, entry] of Object.entries(workdays)) {
    years.add(Number(date.slice(0, 4)));
    if (isWeekend(date)) days.push({ date, kind: 'workday', name: nameOf(entry) });
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { years: [...years].sort((a, b) => a - b), days };
}
