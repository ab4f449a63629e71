import { DomainError } from '../domain-error';
import { cityOf, isWithin, levelOf, provinceOf, regionRange, validateRegionCode } from './region-code';

describe('region codes (GB/T 2260)', () => {
  it.each([
    ['330000', 'province', '330000', null],
    ['330100', 'city', '330000', '330100'],
    ['330106', 'county', '330000', '330100'],
    ['419001', 'county', '410000', '419000'], // 济源: county-level unit directly under the province
    ['810000', 'province', '810000', null],
  ])('validates %s', (code, level, provinceCode, cityCode) => {
    expect(validateRegionCode(code)).toMatchObject({
      ok: true,
      normalized: code,
      info: { level, provinceCode, cityCode },
    });
    expect(levelOf(code)).toBe(level);
    expect(provinceOf(code)).toBe(provinceCode);
    expect(cityOf(code)).toBe(cityCode);
  });

  it.each([
    ['33010', 'FORMAT'],
    ['3301066', 'FORMAT'],
    ['33O106', 'FORMAT'],
    ['100000', 'OUT_OF_RANGE'],
    ['990101', 'OUT_OF_RANGE'],
  ])('rejects %s', (code, failure) => {
    expect(validateRegionCode(code)).toMatchObject({ ok: false, code: failure });
  });

  it('helpers throw VALIDATION_FAILED on malformed codes', () => {
    expect(() => provinceOf('99')).toThrow(DomainError);
    expect(() => regionRange('990000')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it.each([
    ['330000', ['330000', '340000']],
    ['330100', ['330100', '330200']],
    ['330106', ['330106', '330107']],
    ['339900', ['339900', '340000']],
    ['110000', ['110000', '120000']],
  ])('regionRange(%s) = %p', (code, range) => {
    expect(regionRange(code)).toEqual(range);
  });

  it('isWithin compares at the ancestor level', () => {
    expect(isWithin('330106', '330000')).toBe(true);
    expect(isWithin('330106', '330100')).toBe(true);
    expect(isWithin('330106', '330106')).toBe(true);
    expect(isWithin('330000', '330000')).toBe(true);
    expect(isWithin('330206', '330100')).toBe(false);
    expect(isWithin('340106', '330000')).toBe(false);
    expect(isWithin('330000', '330100')).toBe(false);
  });
});
