import fc from 'fast-check';
import type { CalendarDay } from './calendar-day';
import { fixtureCalendar } from './calendar.fixture';
import { deadlineWithTolling } from './deadline-with-tolling';
import { addCalendarMonths, addDays, fromEpochDay, toEpochDay } from './iso-date';
import { WorkingCalendar } from './working-calendar';

const calendar = fixtureCalendar();

/** Dates from 2024 to 2028: covered years, uncovered years and their boundaries. */
const date = fc.integer({ min: toEpochDay('2024-01-01'), max: toEpochDay('2028-12-31') }).map(fromEpochDay);
const count = fc.integer({ min: 0, max: 365 });

/** Reference implementation: walk day by day. */
function naiveBetween(cal: WorkingCalendar, a: string, b: string): number {
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n === 0 ? 0 : sign * n; // never -0: toBe compares with Object.is
}

/** Random holiday tables, including weekend "holidays" and weekday "workdays" that only label a day. */
const randomCalendar = fc
  .array(fc.record({ day: fc.integer({ min: 0, max: 120 }), kind: fc.constantFrom('holiday', 'workday') }), {
    maxLength: 60,
  })
  .map((entries) => {
    const byDate = new Map<string, CalendarDay>();
    for (const e of entries) {
      const d = addDays('2026-01-01', e.day);
      if (!byDate.has(d)) byDate.set(d, { date: d, kind: e.kind as CalendarDay['kind'] });
    }
    return new WorkingCalendar([...byDate.values()], [2026]);
  });

describe('WorkingCalendar properties', () => {
  it('addWorkingDays lands on a working day for n ≥ 1', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 365 }), (start, n) => {
        expect(calendar.isWorkingDay(calendar.addWorkingDays(start, n))).toBe(true);
      }),
    );
  });

  it('workingDaysBetween(start, addWorkingDays(start, n)) === n', () => {
    fc.assert(
      fc.property(date, count, (start, n) => {
        expect(calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n))).toBe(n);
      }),
    );
  });

  it('addWorkingDays returns the first day reaching n (no earlier day does)', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 365 }), (start, n) => {
        const due = calendar.addWorkingDays(start, n);
        expect(calendar.workingDaysBetween(start, addDays(due, -1))).toBe(n - 1);
      }),
    );
  });

  it('is strictly monotonic in n, and n = 0 returns the start', () => {
    fc.assert(
      fc.property(date, count, count, (start, a, b) => {
        expect(calendar.addWorkingDays(start, 0)).toBe(start);
        if (a !== b) {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          expect(calendar.addWorkingDays(start, lo) < calendar.addWorkingDays(start, hi)).toBe(true);
        }
      }),
    );
  });

  it('workingDaysBetween matches a day-by-day count and is antisymmetric', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -400, max: 400 }), (a, offset) => {
        const b = addDays(a, offset);
        expect(calendar.workingDaysBetween(a, b)).toBe(naiveBetween(calendar, a, b));
        expect(calendar.workingDaysBetween(b, a) + calendar.workingDaysBetween(a, b)).toBe(0);
      }),
    );
  });

  it('the arithmetic count agrees with the day-by-day count for arbitrary holiday tables', () => {
    fc.assert(
      fc.property(
        randomCalendar,
        fc.integer({ min: -10, max: 130 }),
        fc.integer({ min: 0, max: 60 }),
        (cal, s, n) => {
          const start = addDays('2026-01-01', s);
          const due = cal.addWorkingDays(start, n);
          expect(cal.workingDaysBetween(start, due)).toBe(n);
          expect(naiveBetween(cal, start, due)).toBe(n);
        },
      ),
    );
  });

  it('warns exactly when a year from start to result lacks data', () => {
    fc.assert(
      fc.property(date, count, (start, n) => {
        const r = calendar.addWorkingDaysDetailed(start, n);
        expect(r.missingYears).toEqual(calendar.coverage(start, r.date));
        expect(r.warnings).toEqual(r.missingYears.length ? ['CALENDAR_NO_DATA'] : []);
      }),
    );
  });

  it('rolled natural-day periods end on the first working day on or after the plain end', () => {
    fc.assert(
      fc.property(date, count, (start, n) => {
        const plain = calendar.addNaturalDays(start, n);
        const rolled = calendar.addNaturalDays(start, n, { rollToWorkingDay: true });
        expect(calendar.isWorkingDay(rolled)).toBe(true);
        expect(rolled >= plain).toBe(true);
        expect(calendar.workingDaysBetween(addDays(plain, -1), addDays(rolled, -1))).toBe(0);
      }),
    );
  });

  it('month arithmetic: clamped day, and composition for days ≤ 28', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: -24, max: 24 }),
        fc.integer({ min: -24, max: 24 }),
        (start, a, b) => {
          const end = addCalendarMonths(start, a);
          expect(Number(end.slice(8))).toBeLessThanOrEqual(Number(start.slice(8)));
          const months = (s: string) => Number(s.slice(0, 4)) * 12 + Number(s.slice(5, 7));
          expect(months(end) - months(start)).toBe(a);
          if (Number(start.slice(8)) <= 28)
            expect(addCalendarMonths(end, b)).toBe(addCalendarMonths(start, a + b));
        },
      ),
    );
  });

  it('epoch-day conversion round-trips and agrees with Date.UTC', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toEpochDay('0001-01-01'), max: toEpochDay('9999-12-31') }),
        (epochDay) => {
          const d = fromEpochDay(epochDay);
          expect(toEpochDay(d)).toBe(epochDay);
          expect(new Date(epochDay * 86_400_000).toISOString().slice(0, 10)).toBe(d);
        },
      ),
    );
  });
});

describe('deadlineWithTolling properties', () => {
  const pause = fc
    .tuple(fc.integer({ min: -30, max: 400 }), fc.integer({ min: 0, max: 40 }))
    .map(([offset, length]) => [offset, length] as const);

  it('without pauses it agrees with the simple calendar functions', () => {
    fc.assert(
      fc.property(date, count, (start, n) => {
        expect(deadlineWithTolling({ start, amount: n, unit: 'WD' }, calendar).due).toBe(
          calendar.addWorkingDays(start, n),
        );
        expect(deadlineWithTolling({ start, amount: n, unit: 'ND' }, calendar).due).toBe(
          calendar.addNaturalDays(start, n),
        );
        const months = n % 13;
        expect(deadlineWithTolling({ start, amount: months, unit: 'MONTH' }, calendar).due).toBe(
          calendar.addMonths(start, months),
        );
      }),
    );
  });

  it('ND: closed pauses move the due date by exactly the paused days counted', () => {
    fc.assert(
      fc.property(date, count, fc.array(pause, { maxLength: 4 }), (start, n, raw) => {
        const pauses = raw.map(([offset, length]) => ({
          from: addDays(start, offset),
          to: addDays(start, offset + length),
        }));
        const r = deadlineWithTolling({ start, amount: n, unit: 'ND', pauses }, calendar);
        expect(r.due).toBe(addDays(start, n + r.pausedDays));
        const paused = (d: string) => pauses.some((p) => d >= p.from && d < p.to);
        if (n > 0) expect(paused(r.due!)).toBe(false);
      }),
    );
  });

  it('WD: the due date is a working day outside every pause, with exactly n such days after the start', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 1, max: 120 }),
        fc.array(pause, { maxLength: 4 }),
        (start, n, raw) => {
          const pauses = raw.map(([offset, length]) => ({
            from: addDays(start, offset),
            to: addDays(start, offset + length),
          }));
          const paused = (d: string) => pauses.some((p) => d >= p.from && d < p.to);
          const due = deadlineWithTolling({ start, amount: n, unit: 'WD', pauses }, calendar).due!;
          expect(calendar.isWorkingDay(due) && !paused(due)).toBe(true);
          let counted = 0;
          for (let d = addDays(start, 1); d <= due; d = addDays(d, 1))
            if (calendar.isWorkingDay(d) && !paused(d)) counted++;
          expect(counted).toBe(n);
        },
      ),
    );
  });

  it('adding a pause never brings the due date forward', () => {
    fc.assert(
      fc.property(
        date,
        count,
        fc.constantFrom('WD', 'ND', 'MONTH' as const),
        pause,
        (start, n, unit, [offset, length]) => {
          const amount = unit === 'MONTH' ? n % 13 : n;
          const base = deadlineWithTolling({ start, amount, unit }, calendar).due!;
          const paused = deadlineWithTolling(
            {
              start,
              amount,
              unit,
              pauses: [{ from: addDays(start, offset), to: addDays(start, offset + length) }],
            },
            calendar,
          ).due!;
          expect(paused >= base).toBe(true);
        },
      ),
    );
  });
});
