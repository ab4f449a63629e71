import { fail, readInput, succeed, type ValidationResult } from './validation-result';

export interface RegistrationNo15Info {
  /** Digits 1–6: code of the registering authority (usually a GB/T 2260 code; 100000 = the national authority). */
  authorityCode: string;
}

/**
 * Legacy 15-digit business registration number (工商注册号, GS 15-2006), replaced by the USCC but still found in
 * old records (domain.md §5). Only the shape is checked: 15 digits.
 */
export function validateRegistrationNo15(input: string): ValidationResult<RegistrationNo15Info> {
  const value = readInput(input, 'Registration number', '注册号');
  if (typeof value !== 'string') return value;
  if (!/^\d{15}$/.test(value)) {
    return fail(
      'FORMAT',
      `a legacy registration number (注册号) has exactly 15 digits; got "${value}" (${value.length} characters)`,
      `旧版工商注册号应为15位数字；当前为"${value}"（${value.length}位）`,
    );
  }
  return succeed(value, { authorityCode: value.slice(0, 6) });
}
