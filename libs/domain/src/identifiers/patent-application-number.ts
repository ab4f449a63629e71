import { shanghaiDate } from '../calendar/shanghai-time';
import { yearOf } from '../calendar/iso-date';
import { fail, readInput, succeed, type ValidationResult } from './validation-result';

/** Weights over the digits before the check character (domain.md §5). The legacy 8-digit form uses the first 8. */
const WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

/**
 * Check character of a Chinese patent application number: Σ dᵢWᵢ mod 11 with weights 2,3,4,5,6,7,8,9,2,3,4,5
 * (the legacy 8-digit form uses 2…9); 10 → 'X'.
 *
 * Verified against published numbers: 200710308494.X (domain.md), 201080063196.9 (PCT), 201420504448.2 (utility
 * model), 201730610076.0 (design), 202410055975.8, 97101765.4 (legacy form). Two examples circulated with the task
 * do not pass and were not used: "201510089452.1" (the algorithm gives 6) and "98123456.4" (gives 9) — the weights are
 * confirmed by the real numbers above, so those examples are evidently made up or mistyped.
 * @param digits the 12 (or legacy 8) digits before the check character
 */
export function patentApplicationCheckCharacter(digits: string): string {
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0) % 11;
  return sum === 10 ? 'X' : String(sum);
}

export type PatentKind = 'invention' | 'utility_model' | 'design';

export interface PatentApplicationInfo {
  kind: PatentKind;
  /** Type digit 8 or 9: a PCT application entering the Chinese national phase. */
  pct: boolean;
  /** Filing year. */
  year: number;
  /** The pre-October-2003 8-digit form (YY + type + 5-digit serial). */
  legacy: boolean;
}

export interface PatentApplicationOptions {
  /** 'YYYY-MM-DD' used for the "not after next year" check; defaults to today in Asia/Shanghai. */
  today?: string;
}

const KINDS: Readonly<Record<string, { kind: PatentKind; pct: boolean }>> = {
  '1': { kind: 'invention', pct: false },
  '2': { kind: 'utility_model', pct: false },
  '3': { kind: 'design', pct: false },
  '8': { kind: 'invention', pct: true },
  '9': { kind: 'utility_model', pct: true },
};

/**
 * Chinese patent application number (also the patent number: `ZL` + application number), domain.md §5.
 * Current form `YYYY` + type digit + 7-digit serial + check (e.g. 200710308494.X); legacy form (1985–2003) `YY` +
 * type digit + 5-digit serial + check (e.g. 97101765.4). An optional `ZL`/`CN` prefix, spaces and the dot are
 * accepted. Normalised to `YYYYTNNNNNNN.C` (legacy: `YYTNNNNN.C`).
 */
export function validatePatentApplicationNumber(
  input: string,
  options: PatentApplicationOptions = {},
): ValidationResult<PatentApplicationInfo> {
  const value = readInput(input, 'Patent application number', '专利申请号');
  if (typeof value !== 'string') return value;
  const m = /^(?:ZL|CN)?(\d{12}|\d{8})\.?([0-9X])$/.exec(value);
  if (!m) {
    return fail(
      'FORMAT',
      'a patent application number is 12 digits, a dot and a check digit or X (e.g. 200710308494.X), or for ' +
        `applications before October 2003 8 digits and a check character (e.g. 97101765.4); got "${value}"`,
      `专利申请号应为12位数字加校验位（如200710308494.X），2003年10月前的申请为8位数字加校验位（如97101765.4）；当前为"${value}"`,
    );
  }
  const [, digits, actual] = m;
  const legacy = digits.length === 8;
  const typeDigit = legacy ? digits[2] : digits[4];
  const type = KINDS[typeDigit];
  if (!type) {
    return fail(
      'OUT_OF_RANGE',
      `the type digit (position ${legacy ? 3 : 5}) is '${typeDigit}', but must be 1 (invention), 2 (utility model), ` +
        '3 (design), 8 (PCT invention) or 9 (PCT utility model)',
      `第${legacy ? 3 : 5}位申请类型为"${typeDigit}"，应为1（发明）、2（实用新型）、3（外观设计）、8（PCT发明）或9（PCT实用新型）`,
    );
  }
  const maxYear = yearOf(options.today ?? shanghaiDate(new Date())) + 1;
  let year: number;
  if (legacy) {
    const yy = Number(digits.slice(0, 2));
    if (yy >= 4 && yy <= 84) {
      return fail(
        'OUT_OF_RANGE',
        `an 8-digit application number starts with its filing year 85–99 or 00–03, not '${digits.slice(0, 2)}'; ` +
          'numbers filed since October 2003 have 12 digits',
        `8位申请号以申请年份（85–99或00–03）开头，"${digits.slice(0, 2)}"不符；2003年10月以后的申请号为12位`,
      );
    }
    year = yy >= 85 ? 1900 + yy : 2000 + yy;
  } else {
    year = Number(digits.slice(0, 4));
    if (year < 1985 || year > maxYear) {
      return fail(
        'OUT_OF_RANGE',
        `the filing year ${year} (first 4 digits) must be between 1985 and ${maxYear}`,
        `前4位申请年份${year}应在1985至${maxYear}之间`,
      );
    }
  }
  const expected = patentApplicationCheckCharacter(digits);
  if (actual !== expected) {
    return fail(
      'CHECK_CHARACTER',
      `check character should be '${expected}' but is '${actual}'; re-check the number against the filing receipt`,
      `校验位应为"${expected}"，实际为"${actual}"，请对照受理通知书核对`,
    );
  }
  return succeed(`${digits}.${expected}`, { ...type, year, legacy });
}
