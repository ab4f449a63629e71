import { fail, normalizeInput, succeed, type ValidationResult } from './validation-result';

export interface NiceClassInfo {
  niceClass: number;
}

/**
 * Nice classification class (尼斯分类) 1–45, given as a number or text ('9', '09', '第9类'). Normalised to the plain
 * number without leading zeros.
 */
export function validateNiceClass(input: string | number): ValidationResult<NiceClassInfo> {
  const text =
    typeof input === 'number' ? String(input) : typeof input === 'string' ? normalizeInput(input) : '';
  const m = /^第?(\d{1,2})类?$/.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!(n >= 1 && n <= 45)) {
    return fail(
      'OUT_OF_RANGE',
      `the Nice class must be a whole number from 1 to 45; got "${String(input)}"`,
      `尼斯分类类别应为1至45的整数；当前为"${String(input)}"`,
    );
  }
  return succeed(String(n), { niceClass: n });
}
