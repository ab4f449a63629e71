import type { IsoDate } from './iso-date';

/**
 * One entry of the holiday table, as published in the State Council's annual notice 《关于YYYY年部分节假日安排的通知》
 * (domain.md §6):
 * - `holiday`: a day off — normally a weekday; listing a weekend day of a holiday period is allowed and only labels it;
 * - `workday`: a make-up working day (调休上班) — normally a Saturday or Sunday.
 * Days not listed follow the weekend rule: Saturday and Sunday off, Monday to Friday working.
 */
export interface CalendarDay {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  /** e.g. '春节', '国庆节' */
  name?: string;
}

/** A computed date plus what the caller must show with it. */
export interface CalendarResult {
  date: IsoDate;
  /** `CALENDAR_NO_DATA` when a year touched by the computation has no official data (weekends-only fallback). */
  warnings: string[];
  /** The touched years without official data, ascending. */
  missingYears: number[];
}

/** Warning code: the computation crossed a year the calendar has no official holiday notice for. */
export const CALENDAR_NO_DATA_WARNING = 'CALENDAR_NO_DATA';
