import { residentIdCheckCharacter, validateResidentId } from './resident-id';

const today = '2026-06-30';

describe('validateResidentId', () => {
  it('accepts the GB 11643-1999 example 11010519491231002X', () => {
    expect(validateResidentId('11010519491231002x', { today })).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      warnings: [],
      notes: [],
      info: { birthDate: '1949-12-31', sex: 'F', regionCode: '110105' },
    });
  });

  it('reads an odd sequence number as male', () => {
    const id = '33010620000101123' + residentIdCheckCharacter('33010620000101123');
    expect(validateResidentId(id, { today })).toMatchObject({
      ok: true,
      info: { sex: 'M', birthDate: '2000-01-01' },
    });
  });

  it('rejects a wrong check character, naming the expected one', () => {
    const r = validateResidentId('110105194912310021', { today });
    expect(r).toMatchObject({ ok: false, code: 'CHECK_CHARACTER' });
    expect(!r.ok && r.reason).toContain("check character should be 'X' but is '1'");
  });

  it('rejects a birth year before 1900 even with a valid check character (the standard’s other example)', () => {
    expect(residentIdCheckCharacter('44052418800101001')).toBe('4');
    const r = validateResidentId('440524188001010014', { today });
    expect(r).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    expect(!r.ok && r.reason).toContain('1880-01-01');
  });

  it('rejects a birth date after today', () => {
    const body = '11010520260701002';
    expect(validateResidentId(body + residentIdCheckCharacter(body), { today })).toMatchObject({
      ok: false,
      code: 'OUT_OF_RANGE',
    });
  });

  it('rejects an impossible birth date', () => {
    const body = '11010519490229002'; // 1949 was not a leap year
    const r = validateResidentId(body + residentIdCheckCharacter(body), { today });
    expect(r).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    expect(!r.ok && r.reason).toContain('not a real date');
  });

  it('accepts the 830000 address code of a Taiwan resident’s residence permit (港澳台居民居住证)', () => {
    const body = '83000019900101001';
    expect(validateResidentId(body + residentIdCheckCharacter(body), { today })).toMatchObject({
      ok: true,
      info: { regionCode: '830000', sex: 'M' },
    });
  });

  it('rejects an unknown province prefix', () => {
    const body = '99010519491231002';
    const r = validateResidentId(body + residentIdCheckCharacter(body), { today });
    expect(r).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    expect(!r.ok && r.reason).toContain('"99"');
  });

  it.each(['1101051949123100', '1101051949123100XX', '11010519491231002Y', '1101051949123100X2'])(
    'rejects the malformed %p',
    (input) => {
      expect(validateResidentId(input, { today })).toMatchObject({ ok: false, code: 'FORMAT' });
    },
  );

  it('accepts a legacy 15-digit ID with a warning and its 18-digit form', () => {
    expect(validateResidentId('110105491231002', { today })).toMatchObject({
      ok: true,
      normalized: '110105491231002',
      warnings: ['LEGACY_15_DIGIT'],
      info: { birthDate: '1949-12-31', sex: 'F', regionCode: '110105', upgradedTo18: '11010519491231002X' },
    });
  });

  it('validates the birth date of a legacy 15-digit ID', () => {
    expect(validateResidentId('110105491332002', { today })).toMatchObject({
      ok: false,
      code: 'OUT_OF_RANGE',
    });
  });
});
