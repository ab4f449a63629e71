import { fail, readInput, succeed, type ValidationResult } from './validation-result';

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Value of a body character: digits 0–9, letters A=10 … Z=35. */
function charValue(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/**
 * Check character of an organisation code body (GB 11714, domain.md §5): weights 3,7,9,10,5,8,4,2;
 * C = 11 − (Σ mod 11); 10 → 'X', 11 → '0'.
 * @param body the 8 body characters, `[0-9A-Z]{8}`
 */
export function organizationCodeCheckCharacter(body: string): string {
  const sum = [...body].reduce((acc, ch, i) => acc + charValue(ch) * WEIGHTS[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export interface OrganizationCodeInfo {
  body: string;
  checkCharacter: string;
}

/**
 * 组织机构代码 (GB 11714): 8 body characters (digits or capital letters) and a check character, written with or
 * without the hyphen (`19220382-1` or `192203821`). Normalised to the hyphenated form. A wrong check character is an
 * error: unlike the USCC, no legitimate organisation code is known to fail it.
 */
export function validateOrganizationCode(input: string): ValidationResult<OrganizationCodeInfo> {
  const value = readInput(input, 'Organisation code', '组织机构代码');
  if (typeof value !== 'string') return value;
  const m = /^([0-9A-Z]{8})-?([0-9X])$/.exec(value);
  if (!m) {
    return fail(
      'FORMAT',
      'organisation code must be 8 digits or capital letters, an optional hyphen, then a check digit or X ' +
        `(e.g. 19220382-1); got "${value}"`,
      `组织机构代码应为8位数字或大写字母，加可选连字符和1位校验码（数字或X），如19220382-1；当前为"${value}"`,
    );
  }
  const [, body, actual] = m;
  const expected = organizationCodeCheckCharacter(body);
  if (actual !== expected) {
    return fail(
      'CHECK_CHARACTER',
      `check character should be '${expected}' but is '${actual}'; re-check the code against the certificate`,
      `校验码应为"${expected}"，实际为"${actual}"，请对照证照重新核对`,
    );
  }
  return succeed(`${body}-${expected}`, { body, checkCharacter: expected });
}
