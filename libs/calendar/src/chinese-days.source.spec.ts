import { isWeekend } from '@app/domain';
import { isWorkday } from 'chinese-days';
import { chineseDaysCalendar } from './chinese-days.source';

describe('chineseDaysCalendar', () => {
  const { years, days } = chineseDaysCalendar();
  const byDate = new Map(days.map((d) => [d.date, d]));

  it('covers the years the package has notices for, and not 2027', () => {
    expect(years[0]).toBe(2004);
    expect(years).toContain(2025);
    expect(years).toContain(2026);
    expect(years).not.toContain(2027);
    expect(years).toEqual([...years].sort((a, b) => a - b));
  });

  it('keeps only exceptions to the weekend rule, with Chinese names', () => {
    for (const d of days)
      expect([d.date, d.kind, isWeekend(d.date)]).toEqual([d.date, d.kind, d.kind === 'workday']);
    expect(byDate.get('2026-10-01')).toEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
    expect(byDate.get('2026-02-14')).toEqual({ date: '2026-02-14', kind: 'workday', name: '春节' });
    expect(byDate.get('2026-10-10')).toMatchObject({ kind: 'workday' });
    expect(byDate.get('2026-10-03')).toBeUndefined(); // a Saturday inside the holiday: a rest day anyway
  });

  it('agrees with the package functions on every day of 2026', () => {
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const entry = byDate.get(date);
      const working = entry ? entry.kind === 'workday' : !isWeekend(date);
      expect([date, working]).toEqual([date, isWorkday(date)]);
    }
  });
});
