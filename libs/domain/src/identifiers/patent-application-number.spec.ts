import {
  patentApplicationCheckCharacter,
  validatePatentApplicationNumber,
} from './patent-application-number';

const today = '2026-06-30';

describe('validatePatentApplicationNumber', () => {
  // Real published numbers; the check character is recomputed from the algorithm in the first assertion.
  it.each([
    ['200710308494.X', '200710308494.X', { kind: 'invention', pct: false, year: 2007, legacy: false }], // domain.md
    [
      'ZL 2014 2 0504448.2',
      '201420504448.2',
      { kind: 'utility_model', pct: false, year: 2014, legacy: false },
    ],
    ['ZL201730610076.0', '201730610076.0', { kind: 'design', pct: false, year: 2017, legacy: false }],
    ['CN 2010 8 0063196.9', '201080063196.9', { kind: 'invention', pct: true, year: 2010, legacy: false }],
    ['2024100559758', '202410055975.8', { kind: 'invention', pct: false, year: 2024, legacy: false }],
    ['97101765.4', '97101765.4', { kind: 'invention', pct: false, year: 1997, legacy: true }],
  ])('accepts the published number %p', (input, normalized, info) => {
    const [digits, check] = normalized.split('.');
    expect(patentApplicationCheckCharacter(digits)).toBe(check);
    expect(validatePatentApplicationNumber(input, { today })).toEqual({
      ok: true,
      normalized,
      warnings: [],
      notes: [],
      info,
    });
  });

  it('rejects examples that do not pass the check (they are not real numbers)', () => {
    const a = validatePatentApplicationNumber('201510089452.1', { today });
    expect(a).toMatchObject({ ok: false, code: 'CHECK_CHARACTER' });
    expect(!a.ok && a.reason).toContain("check character should be '6' but is '1'");
    expect(validatePatentApplicationNumber('98123456.4', { today })).toMatchObject({
      ok: false,
      code: 'CHECK_CHARACTER',
    });
  });

  it('accepts a lower-case x and full-width characters', () => {
    expect(validatePatentApplicationNumber('ｚｌ２００７１０３０８４９４．ｘ', { today })).toMatchObject({
      ok: true,
      normalized: '200710308494.X',
    });
  });

  it.each([
    ['200750308494.X', 'OUT_OF_RANGE', 'type digit'],
    ['198410308494.X', 'OUT_OF_RANGE', 'filing year 1984'],
    ['202810308494.X', 'OUT_OF_RANGE', 'between 1985 and 2027'],
    ['05101765.4', 'OUT_OF_RANGE', '85–99 or 00–03'],
    ['20071030849.X', 'FORMAT', '12 digits'],
    ['US200710308494.X', 'FORMAT', '12 digits'],
    ['200710308494.A', 'FORMAT', '12 digits'],
  ])('rejects %p', (input, code, reason) => {
    const r = validatePatentApplicationNumber(input, { today });
    expect(r).toMatchObject({ ok: false, code });
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('allows next year but not the year after', () => {
    const body = '202710000001';
    const number = `${body}.${patentApplicationCheckCharacter(body)}`;
    expect(validatePatentApplicationNumber(number, { today })).toMatchObject({ ok: true });
    expect(validatePatentApplicationNumber(number, { today: '2025-12-31' })).toMatchObject({ ok: false });
  });
});
