import { CALENDAR_2025, CALENDAR_2026, fixtureCalendar } from './calendar.fixture';
import { WorkingCalendar } from './working-calendar';

const calendar = fixtureCalendar();

describe('WorkingCalendar with the 2025 and 2026 State Council notices', () => {
  it.each([
    ['2026-10-10', true, 'Saturday make-up day after National Day'],
    ['2026-09-20', true, 'Sunday make-up day before National Day'],
    ['2026-02-14', true, 'Saturday make-up day before Spring Festival'],
    ['2026-02-28', true, 'Saturday make-up day after Spring Festival'],
    ['2026-01-04', true, 'Sunday make-up day after New Year'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'last day of the National Day holiday (a Wednesday)'],
    ['2026-02-16', false, 'Spring Festival (a Monday)'],
    ['2026-10-08', true, 'ordinary Thursday'],
    ['2026-03-07', false, 'ordinary Saturday'],
    ['2025-10-08', false, 'the eighth day of the 2025 National Day and Mid-Autumn holiday'],
    ['2025-10-11', true, '2025 Saturday make-up day'],
    ['2025-01-26', true, '2025 Sunday make-up day'],
  ])('isWorkingDay(%s) = %p (%s)', (date, working) => {
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('skips the National Day holiday: one working day after 2026-09-30 is 2026-10-08', () => {
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('counts the Saturday make-up days in a 7-WD period across the 2026 Spring Festival', () => {
    // 02-13 (Fri) 1, 02-14 (Sat, make-up) 2, 02-15..23 off, 02-24..27 3–6, 02-28 (Sat, make-up) 7
    expect(calendar.addWorkingDays('2026-02-12', 2)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-12', 7)).toBe('2026-02-28');
    expect(calendar.workingDaysBetween('2026-02-12', '2026-02-28')).toBe(7);
  });

  it('Decree 81 Art 20: a request received on 2026-09-28 must be decided by 2026-10-10 (5 WD)', () => {
    expect(calendar.addWorkingDays('2026-09-28', 5)).toBe('2026-10-10');
  });

  it('returns the start itself for n = 0, even on a holiday', () => {
    expect(calendar.addWorkingDays('2026-10-03', 0)).toBe('2026-10-03');
  });

  it('counts 248 working days in each of 2025 and 2026', () => {
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('counts working days in (a, b], negative when b < a', () => {
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-08')).toBe(1);
    expect(calendar.workingDaysBetween('2026-10-08', '2026-09-30')).toBe(-1);
    expect(calendar.workingDaysBetween('2026-10-08', '2026-10-08')).toBe(0);
    expect(calendar.workingDaysBetween('2026-10-01', '2026-10-07')).toBe(0);
  });

  it('adds natural days, rolling to the next working day only when asked (civil-procedure rule)', () => {
    // Decree 81 Art 22: 15 ND for the defence, received 2026-09-20 → 2026-10-05, a holiday
    expect(calendar.addNaturalDays('2026-09-20', 15)).toBe('2026-10-05');
    expect(calendar.addNaturalDays('2026-09-20', 15, { rollToWorkingDay: true })).toBe('2026-10-08');
    expect(calendar.addNaturalDays('2026-09-20', 16, { rollToWorkingDay: true })).toBe('2026-10-08');
    expect(calendar.addNaturalDays('2026-10-08', 0, { rollToWorkingDay: true })).toBe('2026-10-08');
  });

  it('adds calendar months clamped to the month end, optionally rolled', () => {
    expect(calendar.addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(calendar.addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(calendar.addMonths('2026-07-01', 3)).toBe('2026-10-01');
    expect(calendar.addMonths('2026-07-01', 3, { rollToWorkingDay: true })).toBe('2026-10-08');
  });

  it('knows which years have data and reports the uncovered ones', () => {
    expect(calendar.coveredYears).toEqual([2025, 2026]);
    expect(calendar.hasDataFor('2026-12-31')).toBe(true);
    expect(calendar.hasDataFor('2027-01-01')).toBe(false);
    expect(calendar.coverage('2026-01-01', '2026-12-31')).toEqual([]);
    expect(calendar.coverage('2028-03-01', '2024-12-01')).toEqual([2024, 2027, 2028]);
  });

  it('warns when a computation runs into a year without an official notice', () => {
    // 2027-01-01 (Friday) has no notice yet, so it is treated as a working day: the result must carry a warning.
    expect(calendar.addWorkingDaysDetailed('2026-12-25', 5)).toEqual({
      date: '2027-01-01',
      warnings: ['CALENDAR_NO_DATA'],
      missingYears: [2027],
    });
    expect(calendar.addWorkingDaysDetailed('2026-12-24', 1)).toEqual({
      date: '2026-12-25',
      warnings: [],
      missingYears: [],
    });
    expect(calendar.addNaturalDaysDetailed('2026-12-25', 30)).toEqual({
      date: '2027-01-24',
      warnings: [],
      missingYears: [],
    });
    expect(calendar.addNaturalDaysDetailed('2026-12-25', 30, { rollToWorkingDay: true })).toEqual({
      date: '2027-01-25',
      warnings: ['CALENDAR_NO_DATA'],
      missingYears: [2027],
    });
    expect(calendar.addMonthsDetailed('2026-12-15', 1, { rollToWorkingDay: true }).missingYears).toEqual([
      2027,
    ]);
  });

  it('labels days from the table', () => {
    expect(calendar.entryFor('2026-10-10')).toEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节' });
    expect(calendar.entryFor('2026-02-17')).toMatchObject({ kind: 'holiday', name: '春节' });
    expect(calendar.entryFor('2026-03-03')).toBeUndefined();
  });

  it('treats listed weekend holidays and weekday workdays as labels only', () => {
    const plain = new WorkingCalendar([], [2026]);
    const labelled = new WorkingCalendar(
      [
        { date: '2026-03-07', kind: 'holiday' }, // a Saturday: off anyway
        { date: '2026-03-09', kind: 'workday' }, // a Monday: working anyway
      ],
      [2026],
    );
    expect(labelled.workingDaysBetween('2026-03-01', '2026-03-31')).toBe(
      plain.workingDaysBetween('2026-03-01', '2026-03-31'),
    );
    expect(labelled.isWorkingDay('2026-03-07')).toBe(false);
    expect(labelled.isWorkingDay('2026-03-09')).toBe(true);
  });

  it('falls back to weekends only without data', () => {
    const empty = new WorkingCalendar([], []);
    expect(empty.addWorkingDays('2026-09-30', 1)).toBe('2026-10-01');
    expect(empty.workingDaysBetween('2026-01-04', '2026-01-11')).toBe(5);
  });

  it('rejects contradictory or malformed table entries', () => {
    expect(
      () =>
        new WorkingCalendar(
          [
            { date: '2026-10-10', kind: 'workday' },
            { date: '2026-10-10', kind: 'holiday' },
          ],
          [2026],
        ),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => new WorkingCalendar([{ date: '2026-02-30', kind: 'holiday' }], [2026])).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(
      () => new WorkingCalendar([...CALENDAR_2025, ...CALENDAR_2026, ...CALENDAR_2026], [2025, 2026]),
    ).not.toThrow();
  });

  it('rejects bad arguments with VALIDATION_FAILED', () => {
    for (const call of [
      () => calendar.addWorkingDays('2026-09-30', -1),
      () => calendar.addWorkingDays('2026-09-30', 1.5),
      () => calendar.addWorkingDays('2026-09-30', 10_001),
      () => calendar.addWorkingDays('30/09/2026', 1),
      () => calendar.workingDaysBetween('2026-09-30', '2026-09-31'),
      () => calendar.addMonths('2026-09-30', -1),
      () => calendar.isWorkingDay(''),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    }
  });

  it('is fast: 10,000 × addWorkingDays(…, 365) and workingDaysBetween over a year', () => {
    const startedAt = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const due = calendar.addWorkingDays('2025-03-01', 365);
      calendar.workingDaysBetween('2025-03-01', due);
    }
    // ~5 M day lookups; generous bound so a loaded CI machine does not flake.
    expect(performance.now() - startedAt).toBeLessThan(5_000);
  });
});
