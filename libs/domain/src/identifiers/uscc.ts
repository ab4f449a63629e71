import { organizationCodeCheckCharacter } from './organization-code';
import {
  fail,
  readInput,
  succeed,
  type ValidationFailure,
  type ValidationNote,
  type ValidationResult,
} from './validation-result';

/** GB 32100-2015 character set; the index of a character is its value 0–30 (no I, O, S, V, Z). */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Wᵢ = 3^(i−1) mod 31 for i = 1…17 (domain.md §5; the spec test recomputes them from the formula). */
export const USCC_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * Check character of a unified social credit code (GB 32100-2015 §4.4, domain.md §5):
 * C = 31 − (Σ vᵢWᵢ mod 31), 31 → 0, mapped back through the character set.
 * @param body the first 17 characters, already in the USCC character set
 */
export function usccCheckCharacter(body: string): string {
  const sum = [...body].reduce((acc, ch, i) => acc + CHARSET.indexOf(ch) * USCC_WEIGHTS[i], 0);
  return CHARSET[(31 - (sum % 31)) % 31];
}

export interface UsccInfo {
  /** Position 1: registering authority (5 = civil affairs, 9 = market regulation, …). */
  authorityCode: string;
  /** Position 2: organisation category within that authority. */
  categoryCode: string;
  /** Positions 3–8: GB/T 2260 code of the registering authority. */
  regionCode: string;
  /** Positions 9–17: 主体标识码, the GB 11714 organisation code including its own check character. */
  entityCode: string;
  /** The check character the algorithm expects at position 18. */
  expectedCheckCharacter: string;
}

/**
 * 统一社会信用代码 (GB 32100-2015). A malformed code is rejected. A wrong check character is only a warning
 * (`USCC_CHECK_MISMATCH`, `checkMismatch: true`): some legitimate early pilot codes fail it (e.g. 91350100M0001TGQXM,
 * domain.md §5), so the caller may keep such a code with a recorded override reason. A wrong check character of the
 * embedded organisation code (positions 9–17) is a warning too (`USCC_ORG_CODE_CHECK_MISMATCH`).
 */
export function validateUscc(input: string): ValidationResult<UsccInfo> {
  const value = readInput(input, 'Unified social credit code', '统一社会信用代码');
  if (typeof value !== 'string') return value;
  if (!FORMAT.test(value)) return formatFailure(value);

  const body = value.slice(0, 17);
  const expected = usccCheckCharacter(body);
  const actual = value[17];
  const notes: ValidationNote[] = [];
  if (actual !== expected) {
    notes.push({
      code: 'USCC_CHECK_MISMATCH',
      message:
        `check character should be '${expected}' but is '${actual}'; verify the code against the business licence ` +
        '(some early pilot codes legitimately fail this check)',
      messageZh: `校验码应为"${expected}"，实际为"${actual}"；请对照营业执照核实（部分早期试点代码确实无法通过校验）`,
    });
  }
  const entityCode = value.slice(8, 17);
  const orgExpected = organizationCodeCheckCharacter(entityCode.slice(0, 8));
  if (entityCode[8] !== orgExpected) {
    notes.push({
      code: 'USCC_ORG_CODE_CHECK_MISMATCH',
      message: `the embedded organisation code (characters 9–17) should end in '${orgExpected}' but ends in '${entityCode[8]}'`,
      messageZh: `第9–17位主体标识码（组织机构代码）的校验码应为"${orgExpected}"，实际为"${entityCode[8]}"`,
    });
  }
  const result = succeed(
    value,
    {
      authorityCode: value[0],
      categoryCode: value[1],
      regionCode: value.slice(2, 8),
      entityCode,
      expectedCheckCharacter: expected,
    },
    notes,
  );
  return actual === expected ? result : { ...result, checkMismatch: true };
}

function formatFailure(value: string): ValidationFailure {
  if (value.length !== 18) {
    return fail(
      'FORMAT',
      `a unified social credit code has 18 characters, this one has ${value.length}`,
      `统一社会信用代码应为18位，当前为${value.length}位`,
    );
  }
  for (let i = 0; i < 18; i++) {
    const ch = value[i];
    if (i >= 2 && i < 8 && !/\d/.test(ch)) {
      return fail(
        'FORMAT',
        `characters 3–8 are the 6-digit region code, but character ${i + 1} is '${ch}'`,
        `第3–8位为6位行政区划代码，但第${i + 1}位是"${ch}"`,
      );
    }
    if (!CHARSET.includes(ch)) {
      return fail(
        'FORMAT',
        `character ${i + 1} '${ch}' is not allowed: use digits and capital letters except I, O, S, V, Z`,
        `第${i + 1}位"${ch}"不合法：只能使用数字和除I、O、S、V、Z以外的大写字母`,
      );
    }
  }
  return fail('FORMAT', 'invalid unified social credit code', '统一社会信用代码格式不正确');
}
