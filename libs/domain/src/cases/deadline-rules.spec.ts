import { deadlineWithTolling, type Period } from '../calendar';
import { fixtureCalendar } from '../calendar/calendar.fixture';
import { applyDeadlineOverrides, CASE_DEADLINE_RULES, type DeadlineRule } from './deadline-rules';
import { ruleFor } from './transition-check';

const calendar = fixtureCalendar();
const rule = (id: string) => CASE_DEADLINE_RULES.find((r) => r.id === id)!;

/** The due date of a rule started on `start`, with the pauses of the given kinds (only those it excludes count). */
function due(r: DeadlineRule, start: string, pauses: (Period & { kind: string })[] = [], extensions = 0) {
  return deadlineWithTolling(
    {
      start,
      amount: r.amount,
      unit: r.unit,
      pauses: pauses.filter((p) => r.tolledBy.includes(p.kind as never)),
      extensions: r.extensions.slice(0, extensions).map((e) => ({ amount: e.max!, unit: e.unit })),
      rollToWorkingDay: r.rollToWorkingDay,
    },
    calendar,
  ).due;
}

describe('case deadline rules', () => {
  it('have unique ids, their procedure as prefix, and a cited source', () => {
    const ids = CASE_DEADLINE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of CASE_DEADLINE_RULES) {
      expect(r.id.split('.')[1]).toBe(r.key);
      expect(r.source.article.length).toBeGreaterThan(0);
      expect(['V', 'S', 'U']).toContain(r.source.confidence);
    }
  });

  it('count 15 working days over the 2026 Mid-Autumn and National Day holidays and the make-up Saturday', () => {
    // Received Thu 24 Sep: 25–27 Sep and 1–7 Oct are holidays, Sat 10 Oct is a working day.
    expect(due(rule('penalty_trademark.filing'), '2026-09-24')).toBe('2026-10-22');
  });

  it('stop the clock only for the periods the rule excludes', () => {
    const appraisal = { kind: 'appraisal', from: '2026-09-29', to: '2026-10-12' };
    const suspension = { ...appraisal, kind: 'suspension' };
    // SAMR Decree 2 Art 18: testing and appraisal do not count toward the filing period; a suspension does.
    expect(due(rule('penalty_trademark.filing'), '2026-09-24', [appraisal])).toBe('2026-10-29');
    expect(due(rule('penalty_trademark.filing'), '2026-09-24', [suspension])).toBe('2026-10-22');
    // 90 natural days; a ten-day hearing moves the end by ten days; an open suspension stops it.
    const closing = rule('penalty_trademark.closing');
    expect(due(closing, '2026-06-01')).toBe('2026-08-30');
    expect(due(closing, '2026-06-01', [{ kind: 'hearing', from: '2026-07-01', to: '2026-07-11' }])).toBe(
      '2026-09-09',
    );
    expect(due(closing, '2026-06-01', [{ kind: 'suspension', from: '2026-07-01' }])).toBeNull();
  });

  it('extend the three-month adjudication limit by one month, then two (Decree 81 Art 37)', () => {
    const closing = rule('patent_adjudication.closing');
    expect(due(closing, '2026-01-31')).toBe('2026-04-30');
    expect(due(closing, '2026-01-31', [], 1)).toBe('2026-05-30');
    expect(due(closing, '2026-01-31', [], 2)).toBe('2026-07-30');
  });

  it('pick the variant by source and by a respondent abroad', () => {
    const r = (source: string, foreignRespondent = false) =>
      ruleFor(CASE_DEADLINE_RULES, 'penalty_passing_off', 'filing', { source, foreignRespondent })!.amount;
    expect(r('ex_officio')).toBe(5);
    expect(r('complaint')).toBe(10);
    const defence = (foreignRespondent: boolean) =>
      ruleFor(CASE_DEADLINE_RULES, 'patent_adjudication', 'defence', {
        source: 'request',
        foreignRespondent,
      })!.amount;
    expect([defence(false), defence(true)]).toEqual([15, 30]);
  });

  it('accept local values only for rules not read from the statute', () => {
    const changed = applyDeadlineOverrides(CASE_DEADLINE_RULES, {
      'fast_track.closing': { amount: 15, unit: 'WD' },
    });
    expect(changed.find((r) => r.id === 'fast_track.closing')!.amount).toBe(15);
    expect(() =>
      applyDeadlineOverrides(CASE_DEADLINE_RULES, {
        'patent_adjudication.closing': { amount: 4, unit: 'MONTH' },
      }),
    ).toThrow(/statutory/);
    expect(() => applyDeadlineOverrides(CASE_DEADLINE_RULES, { nope: { amount: 1, unit: 'WD' } })).toThrow(
      /unknown/,
    );
    expect(() =>
      applyDeadlineOverrides(CASE_DEADLINE_RULES, { 'fast_track.closing': { amount: 0, unit: 'WD' } }),
    ).toThrow(/whole amount/);
  });
});
