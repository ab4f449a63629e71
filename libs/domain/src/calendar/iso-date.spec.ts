import {
  addCalendarMonths,
  addDays,
  assertIsoDate,
  dayOfWeek,
  diffDays,
  fromEpochDay,
  isValidIsoDate,
  isWeekend,
  toEpochDay,
} from './iso-date';

describe('iso-date', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2026-10-10', 20736],
  ])('epoch day of %s is %i', (date, epochDay) => {
    expect(toEpochDay(date)).toBe(epochDay);
    expect(toEpochDay(date)).toBe(
      Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8)) / 86_400_000,
    );
    expect(fromEpochDay(epochDay)).toBe(date);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-10-10')).toBe(6); // Saturday
    expect(dayOfWeek('2026-09-20')).toBe(0); // Sunday
    expect(dayOfWeek('2026-01-01')).toBe(4); // Thursday
    expect(isWeekend('2026-02-14')).toBe(true);
    expect(isWeekend('2026-02-16')).toBe(false);
  });

  it('adds and subtracts days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(diffDays('2026-01-01', '2027-01-01')).toBe(365);
    expect(diffDays('2027-01-01', '2026-01-01')).toBe(-365);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-03-02', 3, '2026-06-02'],
    ['2026-05-15', 0, '2026-05-15'],
    ['2026-01-15', -13, '2024-12-15'],
  ])('%s + %i months = %s', (date, n, expected) => {
    expect(addCalendarMonths(date, n)).toBe(expected);
  });

  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2026-02-29', false],
    ['1900-02-29', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
    [20260101, false],
  ])('isValidIsoDate(%p) = %p', (value, valid) => {
    expect(isValidIsoDate(value)).toBe(valid);
  });

  it('assertIsoDate throws a VALIDATION_FAILED DomainError naming the field', () => {
    expect(() => assertIsoDate('2026-02-30', 'start')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: { field: 'start', value: '2026-02-30' },
      }),
    );
  });
});
