import { fixtureCalendar } from './calendar.fixture';
import { deadlineWithTolling, type DeadlineSpec } from './deadline-with-tolling';

const calendar = fixtureCalendar();
const due = (spec: DeadlineSpec) => deadlineWithTolling(spec, calendar).due;

describe('deadlineWithTolling', () => {
  describe('without pauses or extensions it agrees with the calendar', () => {
    it('WD', () => {
      expect(deadlineWithTolling({ start: '2026-09-30', amount: 1, unit: 'WD' }, calendar)).toEqual({
        due: '2026-10-08',
        dueAt: new Date('2026-10-08T23:59:59.999+08:00'),
        suspendedSince: null,
        pausedDays: 0,
        warnings: [],
        missingYears: [],
      });
    });

    it('ND, rolled or not', () => {
      expect(due({ start: '2026-09-20', amount: 15, unit: 'ND' })).toBe('2026-10-05');
      expect(due({ start: '2026-09-20', amount: 15, unit: 'ND', rollToWorkingDay: true })).toBe('2026-10-08');
    });

    it('MONTH (Decree 81 Art 37: close within 3 months of 立案)', () => {
      expect(due({ start: '2026-03-02', amount: 3, unit: 'MONTH' })).toBe('2026-06-02');
      expect(due({ start: '2025-11-30', amount: 3, unit: 'MONTH' })).toBe('2026-02-28');
    });
  });

  describe('extensions', () => {
    it('Decree 81 Art 37: 3 months, +1 month (head of department), +2 months (next level up)', () => {
      const base = { start: '2026-03-02', amount: 3, unit: 'MONTH' } as const;
      expect(due({ ...base, extensions: [{ amount: 1, unit: 'MONTH' }] })).toBe('2026-07-02');
      expect(
        due({
          ...base,
          extensions: [
            { amount: 1, unit: 'MONTH' },
            { amount: 2, unit: 'MONTH' },
          ],
        }),
      ).toBe('2026-09-02');
    });

    it('执法办法 Art 36: passing off, 1 month + 15 ND, each extension starting where the last period ended', () => {
      const spec: DeadlineSpec = {
        start: '2026-01-31',
        amount: 1,
        unit: 'MONTH',
        extensions: [{ amount: 15, unit: 'ND' }],
      };
      expect(due(spec)).toBe('2026-03-15'); // 2026-02-28 + 15 days, a Sunday
      expect(due({ ...spec, rollToWorkingDay: true })).toBe('2026-03-16');
    });

    it('SAMR Decree 2 Art 18: 15 WD + 15 WD', () => {
      expect(
        due({ start: '2026-09-15', amount: 15, unit: 'WD', extensions: [{ amount: 15, unit: 'WD' }] }),
      ).toBe(calendar.addWorkingDays('2026-09-15', 30));
    });
  });

  describe('pauses (excluded periods)', () => {
    it('WD: working days inside a pause are skipped', () => {
      // 2026-03-02 (Mon) + 5 WD = 03-09; paused 03-04 and 03-05 (resumed 03-06) → 03-11
      const r = deadlineWithTolling(
        { start: '2026-03-02', amount: 5, unit: 'WD', pauses: [{ from: '2026-03-04', to: '2026-03-06' }] },
        calendar,
      );
      expect(r).toMatchObject({ due: '2026-03-11', pausedDays: 2 });
    });

    it('WD: a pause over a weekend only costs its working days', () => {
      // paused Fri 03-06 to Mon 03-09 (resumed 03-09): one working day lost
      expect(
        due({
          start: '2026-03-02',
          amount: 5,
          unit: 'WD',
          pauses: [{ from: '2026-03-06', to: '2026-03-09' }],
        }),
      ).toBe('2026-03-10');
    });

    it('MONTH: the due date moves by the paused natural days (Decree 81 Art 37 excluded periods)', () => {
      const r = deadlineWithTolling(
        {
          start: '2026-03-02',
          amount: 3,
          unit: 'MONTH',
          pauses: [{ from: '2026-04-01', to: '2026-04-11' }], // 检验鉴定, 10 days
        },
        calendar,
      );
      expect(r).toMatchObject({ due: '2026-06-12', pausedDays: 10 });
    });

    it('ND: overlapping pauses are counted once; pauses before the start or after the due date do not count', () => {
      const r = deadlineWithTolling(
        {
          start: '2026-05-10',
          amount: 90,
          unit: 'ND',
          pauses: [
            { from: '2026-05-01', to: '2026-05-05' },
            { from: '2026-06-01', to: '2026-06-11' },
            { from: '2026-06-06', to: '2026-06-16' },
            { from: '2027-01-01', to: '2027-02-01' },
          ],
        },
        calendar,
      );
      // 2026-05-10 + 90 = 2026-08-08, + 15 paused days (06-01 … 06-15) = 2026-08-23
      expect(r).toMatchObject({ due: '2026-08-23', pausedDays: 15 });
    });

    it('a pause that pushes the period into another pause counts that one too', () => {
      expect(
        due({
          start: '2026-03-02',
          amount: 10,
          unit: 'ND',
          pauses: [
            { from: '2026-03-05', to: '2026-03-10' },
            { from: '2026-03-15', to: '2026-03-20' },
          ],
        }),
      ).toBe('2026-03-22');
    });

    it('a pause that began before the start stops the clock until it ends', () => {
      expect(
        due({
          start: '2026-03-02',
          amount: 3,
          unit: 'ND',
          pauses: [{ from: '2026-02-20', to: '2026-03-10' }],
        }),
      ).toBe('2026-03-12');
    });

    it('a zero-length pause changes nothing', () => {
      expect(
        due({
          start: '2026-03-02',
          amount: 3,
          unit: 'ND',
          pauses: [{ from: '2026-03-03', to: '2026-03-03' }],
        }),
      ).toBe('2026-03-05');
    });

    it('an open pause stops the clock: no due date until it is closed', () => {
      expect(
        deadlineWithTolling(
          {
            start: '2026-03-02',
            amount: 3,
            unit: 'MONTH',
            pauses: [{ from: '2026-03-01', to: '2026-03-02' }, { from: '2026-04-01' }],
          },
          calendar,
        ),
      ).toEqual({
        due: null,
        dueAt: null,
        suspendedSince: '2026-04-01',
        pausedDays: 0,
        warnings: [],
        missingYears: [],
      });
    });

    it('an open pause starting after the due date does not matter', () => {
      expect(due({ start: '2026-03-02', amount: 5, unit: 'WD', pauses: [{ from: '2026-03-20' }] })).toBe(
        '2026-03-09',
      );
    });
  });

  it('HOUR: exact instant, e.g. transfer to the police within 24 hours (State Council Decree 310 Art 5)', () => {
    const r = deadlineWithTolling(
      { start: '2026-10-01', startAt: new Date('2026-10-01T09:30:00+08:00'), amount: 24, unit: 'HOUR' },
      calendar,
    );
    expect(r).toMatchObject({ due: '2026-10-02', suspendedSince: null, warnings: [] });
    expect(r.dueAt?.toISOString()).toBe('2026-10-02T01:30:00.000Z');
  });

  it('warns when the period runs into a year without official data', () => {
    expect(deadlineWithTolling({ start: '2026-12-20', amount: 20, unit: 'WD' }, calendar)).toMatchObject({
      warnings: ['CALENDAR_NO_DATA'],
      missingYears: [2027],
    });
    expect(deadlineWithTolling({ start: '2026-12-20', amount: 3, unit: 'MONTH' }, calendar)).toMatchObject({
      warnings: [],
    });
  });

  it.each<[string, DeadlineSpec]>([
    ['negative amount', { start: '2026-03-02', amount: -1, unit: 'ND' }],
    ['fractional amount', { start: '2026-03-02', amount: 1.5, unit: 'WD' }],
    ['unknown unit', { start: '2026-03-02', amount: 1, unit: 'YEAR' as 'ND' }],
    ['bad start', { start: '2026-02-30', amount: 1, unit: 'ND' }],
    [
      'pause ending before it starts',
      { start: '2026-03-02', amount: 1, unit: 'ND', pauses: [{ from: '2026-03-05', to: '2026-03-04' }] },
    ],
    [
      'bad extension',
      { start: '2026-03-02', amount: 1, unit: 'ND', extensions: [{ amount: -2, unit: 'ND' }] },
    ],
    ['HOUR without startAt', { start: '2026-03-02', amount: 24, unit: 'HOUR' }],
    [
      'HOUR with pauses',
      {
        start: '2026-03-02',
        startAt: new Date(),
        amount: 24,
        unit: 'HOUR',
        pauses: [{ from: '2026-03-02' }],
      },
    ],
    [
      'HOUR extension on a day limit',
      { start: '2026-03-02', amount: 1, unit: 'ND', extensions: [{ amount: 2, unit: 'HOUR' }] },
    ],
  ])('rejects %s with VALIDATION_FAILED', (_, spec) => {
    expect(() => deadlineWithTolling(spec, calendar)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
