import { fail, readInput, succeed, type ValidationResult } from './validation-result';

export interface TrademarkNumberInfo {
  /** A Madrid international registration (WIPO IR number), written with a leading 'G'. */
  madrid: boolean;
}

/**
 * Trademark registration number (domain.md §5, [U]): digits only, currently up to 8 (the application number becomes
 * the registration number). A Madrid registration is written `G` + the WIPO IR number. No check character exists.
 */
export function validateTrademarkNumber(input: string): ValidationResult<TrademarkNumberInfo> {
  const value = readInput(input, 'Trademark registration number', '商标注册号');
  if (typeof value !== 'string') return value;
  const m = /^(G?)(\d{1,8})$/.exec(value);
  if (!m || /^0+$/.test(m[2])) {
    return fail(
      'FORMAT',
      `a trademark registration number is 1–8 digits, or G followed by the WIPO number for a Madrid registration; got "${value}"`,
      `商标注册号应为1–8位数字，马德里国际注册为G加WIPO国际注册号；当前为"${value}"`,
    );
  }
  return succeed(value, { madrid: m[1] === 'G' });
}
