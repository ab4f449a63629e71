import { levelOf } from '@app/domain';
import { chinaDivisionRegions } from './china-division.source';

describe('chinaDivisionRegions', () => {
  const rows = chinaDivisionRegions();
  const byCode = new Map(rows.map((r) => [r.code, r]));

  it('has every mainland division once, with 6-digit codes', () => {
    const count = (level: string) => rows.filter((r) => r.level === level).length;
    expect(count('province')).toBe(31);
    expect(count('city')).toBe(342);
    // 2,978 area entries minus the three cities listed again as their own area (东莞, 中山, 儋州).
    expect(count('county')).toBe(2975);
    expect(byCode.size).toBe(rows.length);
    for (const r of rows) expect(r.code).toMatch(/^\d{6}$/);
  });

  it('gives every row the level its code implies and a parent written before it', () => {
    const seen = new Set<string>();
    for (const r of rows) {
      expect([r.code, levelOf(r.code)]).toEqual([r.code, r.level]);
      if (r.parentCode) expect([r.code, seen.has(r.parentCode)]).toEqual([r.code, true]);
      seen.add(r.code);
    }
  });

  it('links counties, cities and provinces', () => {
    expect(byCode.get('330106')).toEqual({
      code: '330106',
      name: '西湖区',
      level: 'county',
      parentCode: '330100',
      provinceCode: '330000',
      cityCode: '330100',
    });
    expect(byCode.get('330100')).toMatchObject({ name: '杭州市', parentCode: '330000', cityCode: '330100' });
    expect(byCode.get('330000')).toMatchObject({ name: '浙江省', parentCode: null, cityCode: null });
    // Municipalities keep their grouping entry.
    expect(byCode.get('110101')).toMatchObject({
      name: '东城区',
      parentCode: '110100',
      provinceCode: '110000',
    });
    expect(byCode.get('110100')).toMatchObject({ name: '市辖区', level: 'city', parentCode: '110000' });
    // A city without counties is a city-level leaf, not also a county.
    expect(byCode.get('441900')).toMatchObject({ name: '东莞市', level: 'city', parentCode: '440000' });
    expect(rows.some((r) => r.parentCode === '441900')).toBe(false);
  });

  it('leaves out Hong Kong, Macau and Taiwan (the package has no codes for them)', () => {
    expect(rows.some((r) => /^(71|81|82)/.test(r.code))).toBe(false);
  });
});
