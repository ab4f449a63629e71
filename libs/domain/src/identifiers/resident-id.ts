import { isValidIsoDate } from '../calendar/iso-date';
import { shanghaiDate } from '../calendar/shanghai-time';
import { isProvinceCode } from './region-code';
import { fail, readInput, succeed, type ValidationFailure, type ValidationResult } from './validation-result';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * Check character of an 18-digit resident ID (GB 11643-1999, ISO 7064 MOD 11-2; domain.md §5):
 * Σ dᵢWᵢ mod 11 indexes `1,0,X,9,8,7,6,5,4,3,2`.
 * @param body the first 17 digits
 */
export function residentIdCheckCharacter(body: string): string {
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  return CHECK_CHARS[sum % 11];
}

export interface ResidentIdInfo {
  /** 'YYYY-MM-DD' */
  birthDate: string;
  /** From the parity of the sequence number: odd = male (domain.md §5 marks this [U]; it is the GB 11643 rule). */
  sex: 'M' | 'F';
  /** Digits 1–6: GB/T 2260 code of the place of first registration (it may since have been abolished). */
  regionCode: string;
  /** The 18-digit form of a legacy 15-digit ID (century 19 inserted, check character computed). */
  upgradedTo18?: string;
}

export interface ResidentIdOptions {
  /** 'YYYY-MM-DD' the birth date must not be after; defaults to today in Asia/Shanghai. */
  today?: string;
}

/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, YYYYMMDD birth date, 3-digit sequence, check character.
 * A wrong check character is an error. The legacy 15-digit form (YYMMDD, 19YY, no check character) is accepted with
 * the warning `LEGACY_15_DIGIT`.
 */
export function validateResidentId(
  input: string,
  options: ResidentIdOptions = {},
): ValidationResult<ResidentIdInfo> {
  const value = readInput(input, 'Resident ID number', '身份证号码');
  if (typeof value !== 'string') return value;
  const today = options.today ?? shanghaiDate(new Date());

  if (/^\d{15}$/.test(value)) {
    const birth = `19${value.slice(6, 12)}`;
    const problem = checkAddressAndBirth(value.slice(0, 6), birth, today);
    if (problem) return problem;
    const body17 = `${value.slice(0, 6)}${birth}${value.slice(12, 15)}`;
    return succeed(
      value,
      {
        ...infoOf(value.slice(0, 6), birth, value.slice(12, 15)),
        upgradedTo18: body17 + residentIdCheckCharacter(body17),
      },
      [
        {
          code: 'LEGACY_15_DIGIT',
          message:
            'legacy 15-digit ID without a check character; ask for the current 18-digit ID if possible',
          messageZh: '旧版15位身份证号码（无校验码），如可能请提供现行18位号码',
        },
      ],
    );
  }

  if (!/^\d{17}[0-9X]$/.test(value)) {
    return fail(
      'FORMAT',
      `a resident ID has 18 characters: 17 digits and a final digit or X (or a legacy 15-digit number); got ${value.length} characters "${value}"`,
      `身份证号码应为18位（前17位数字，末位数字或X），或旧版15位数字；当前为${value.length}位"${value}"`,
    );
  }
  const birth = value.slice(6, 14);
  const problem = checkAddressAndBirth(value.slice(0, 6), birth, today);
  if (problem) return problem;
  const expected = residentIdCheckCharacter(value.slice(0, 17));
  if (value[17] !== expected) {
    return fail(
      'CHECK_CHARACTER',
      `check character should be '${expected}' but is '${value[17]}'; one of the digits was probably mistyped`,
      `校验码应为"${expected}"，实际为"${value[17]}"，可能有数字录入错误，请核对证件`,
    );
  }
  return succeed(value, infoOf(value.slice(0, 6), birth, value.slice(14, 17)));
}

function infoOf(regionCode: string, yyyymmdd: string, sequence: string): ResidentIdInfo {
  return {
    birthDate: `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`,
    sex: Number(sequence) % 2 === 1 ? 'M' : 'F',
    regionCode,
  };
}

/**
 * Residence permits for Hong Kong, Macau and Taiwan residents (港澳台居民居住证, 2018) carry a 公民身份号码 with
 * address code 810000 / 820000 / 830000; 83 is not a GB/T 2260 province code (Taiwan is 71) but is valid here.
 */
const isAddressPrefix = (prefix: string): boolean => isProvinceCode(prefix) || prefix === '83';

function checkAddressAndBirth(
  address: string,
  yyyymmdd: string,
  today: string,
): ValidationFailure | undefined {
  if (!isAddressPrefix(address.slice(0, 2))) {
    return fail(
      'OUT_OF_RANGE',
      `the first two digits "${address.slice(0, 2)}" are not a province code (11–82); check the start of the number`,
      `前两位"${address.slice(0, 2)}"不是有效的省级行政区划代码，请核对号码开头`,
    );
  }
  const birth = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (!isValidIsoDate(birth)) {
    return fail(
      'OUT_OF_RANGE',
      `the birth-date digits "${yyyymmdd}" are not a real date`,
      `出生日期"${yyyymmdd}"不是有效日期`,
    );
  }
  if (birth < '1900-01-01' || birth > today) {
    return fail(
      'OUT_OF_RANGE',
      `birth date ${birth} is outside the accepted range (1900-01-01 to today)`,
      `出生日期${birth}超出有效范围（1900-01-01至今）`,
    );
  }
  return undefined;
}
