import { DomainError } from '../domain-error';
import { fail, readInput, succeed, type ValidationResult } from './validation-result';

/**
 * First two digits of GB/T 2260 administrative division codes (domain.md §5): the 31 mainland provincial-level
 * divisions plus 71 Taiwan, 81 Hong Kong, 82 Macau.
 */
export const PROVINCE_CODES: readonly string[] =
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
    ' ',
  );

const PROVINCES = new Set(PROVINCE_CODES);

/** True when `prefix` (the first two digits of a code) names a provincial-level division. */
export function isProvinceCode(prefix: string): boolean {
  return PROVINCES.has(prefix);
}

export type RegionLevel = 'province' | 'city' | 'county';

export interface RegionCodeInfo {
  level: RegionLevel;
  provinceCode: string;
  /** The prefecture-level code, or null for a province-level code. */
  cityCode: string | null;
}

/**
 * GB/T 2260 administrative division code: 6 digits — province (1–2), prefecture (3–4; 90 = county-level unit
 * directly under the province), county (5–6). Codes change every year, so callers store the code with its version
 * date (domain.md §5); this checks only the shape and the province prefix.
 */
export function validateRegionCode(input: string): ValidationResult<RegionCodeInfo> {
  const value = readInput(input, 'Region code', '行政区划代码');
  if (typeof value !== 'string') return value;
  if (!/^\d{6}$/.test(value)) {
    return fail(
      'FORMAT',
      `region code must be 6 digits (GB/T 2260), got "${value}"`,
      `行政区划代码应为6位数字（GB/T 2260），当前为"${value}"`,
    );
  }
  const province = value.slice(0, 2);
  if (!isProvinceCode(province)) {
    return fail(
      'OUT_OF_RANGE',
      `region code starts with "${province}", which is not a province code (11–82)`,
      `行政区划代码前两位"${province}"不是有效的省级代码`,
    );
  }
  const level = levelOfValid(value);
  return succeed(value, {
    level,
    provinceCode: `${province}0000`,
    cityCode: level === 'province' ? null : `${value.slice(0, 4)}00`,
  });
}

function assertRegionCode(code: string): void {
  if (!/^\d{6}$/.test(code) || !isProvinceCode(code.slice(0, 2))) {
    throw new DomainError('VALIDATION_FAILED', `Invalid GB/T 2260 region code "${code}"`, { code });
  }
}

function levelOfValid(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** Administrative level of a region code. Throws `VALIDATION_FAILED` for a malformed code. */
export function levelOf(code: string): RegionLevel {
  assertRegionCode(code);
  return levelOfValid(code);
}

/** The province-level code containing `code` (e.g. 330106 → 330000). */
export function provinceOf(code: string): string {
  assertRegionCode(code);
  return `${code.slice(0, 2)}0000`;
}

/** The prefecture-level code containing `code` (e.g. 330106 → 330100); null for a province-level code. */
export function cityOf(code: string): string | null {
  assertRegionCode(code);
  return levelOfValid(code) === 'province' ? null : `${code.slice(0, 4)}00`;
}

/**
 * Half-open bounds `[lo, hi)` of the 6-digit codes in the subtree rooted at `code`: 330000 → ['330000', '340000'),
 * 330100 → ['330100', '330200'), 330106 → ['330106', '330107'). Used for index-friendly scope queries
 * (`region_code >= lo AND region_code < hi`; a LIKE prefix cannot use the btree under the C.UTF-8 collation).
 */
export function regionRange(code: string): [lo: string, hi: string] {
  assertRegionCode(code);
  const step = { province: 10_000, city: 100, county: 1 }[levelOfValid(code)];
  return [code, String(Number(code) + step).padStart(6, '0')];
}

/** True when `code` lies in the subtree of `ancestorCode` (a code is within itself). */
export function isWithin(code: string, ancestorCode: string): boolean {
  assertRegionCode(code);
  const [lo, hi] = regionRange(ancestorCode);
  return code >= lo && code < hi;
}
