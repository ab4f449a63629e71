/**
 * TEST-ONLY fixture: the official 2025 and 2026 holiday arrangements, hard-coded so the domain tests do not depend on
 * a data package. Cross-checked against `chinese-days` 1.5.7 (getDayDetail for every day of both years).
 *
 * - 2026: 国务院办公厅关于2026年部分节假日安排的通知, 国办发明电〔2025〕7号 (2025-11-04),
 *   https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
 * - 2025: 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号,
 *   https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm — the first year under the amended
 *   《全国年节及纪念日放假办法》 (13 public holiday days, domain.md §6).
 */
import type { CalendarDay } from './calendar-day';
import { addDays } from './iso-date';
import { WorkingCalendar } from './working-calendar';

function holidays(name: string, from: string, to: string): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, kind: 'holiday', name });
  return days;
}

function workdays(name: string, ...dates: string[]): CalendarDay[] {
  return dates.map((date) => ({ date, kind: 'workday', name }));
}

export const CALENDAR_2025: CalendarDay[] = [
  ...holidays('元旦', '2025-01-01', '2025-01-01'),
  ...holidays('春节', '2025-01-28', '2025-02-04'),
  ...workdays('春节', '2025-01-26', '2025-02-08'),
  ...holidays('清明节', '2025-04-04', '2025-04-06'),
  ...holidays('劳动节', '2025-05-01', '2025-05-05'),
  ...workdays('劳动节', '2025-04-27'),
  ...holidays('端午节', '2025-05-31', '2025-06-02'),
  ...holidays('国庆节、中秋节', '2025-10-01', '2025-10-08'),
  ...workdays('国庆节、中秋节', '2025-09-28', '2025-10-11'),
];

export const CALENDAR_2026: CalendarDay[] = [
  ...holidays('元旦', '2026-01-01', '2026-01-03'),
  ...workdays('元旦', '2026-01-04'),
  ...holidays('春节', '2026-02-15', '2026-02-23'),
  ...workdays('春节', '2026-02-14', '2026-02-28'),
  ...holidays('清明节', '2026-04-04', '2026-04-06'),
  ...holidays('劳动节', '2026-05-01', '2026-05-05'),
  ...workdays('劳动节', '2026-05-09'),
  ...holidays('端午节', '2026-06-19', '2026-06-21'),
  ...holidays('中秋节', '2026-09-25', '2026-09-27'),
  ...holidays('国庆节', '2026-10-01', '2026-10-07'),
  ...workdays('国庆节', '2026-09-20', '2026-10-10'),
];

/** A calendar with official data for 2025 and 2026 only (2027 has no notice yet). */
export function fixtureCalendar(): WorkingCalendar {
  return new WorkingCalendar([...CALENDAR_2025, ...CALENDAR_2026], [2025, 2026]);
}
