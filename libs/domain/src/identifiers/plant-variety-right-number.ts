import { fail, readInput, succeed, type ValidationResult } from './validation-result';

export interface PlantVarietyRightInfo {
  /** The year in digits 1–4 after CNA. */
  year: number;
  /** `legacy`: CNA + 8 digits + '.' + check (CNA20080376.X); `current`: CNA + 11 digits (CNA20191006012). */
  format: 'legacy' | 'current';
}

/**
 * 品种权号 (plant variety right / application number), domain.md §5 [S]. The dot of the legacy form is optional on
 * input and restored on output. Its check character is not validated: the algorithm is not published.
 */
export function validatePlantVarietyRightNumber(input: string): ValidationResult<PlantVarietyRightInfo> {
  const value = readInput(input, 'Plant variety right number', '品种权号');
  if (typeof value !== 'string') return value;
  const legacy = /^CNA(\d{8})\.?([0-9X])$/.exec(value);
  const current = /^CNA(\d{11})$/.exec(value);
  const digits = legacy?.[1] ?? current?.[1];
  if (!digits) {
    return fail(
      'FORMAT',
      `a plant variety right number is CNA + 8 digits + '.' + a check digit or X (e.g. CNA20080376.X), or CNA + 11 digits (e.g. CNA20191006012); got "${value}"`,
      `品种权号应为CNA加8位数字、"."和校验位（如CNA20080376.X），或CNA加11位数字（如CNA20191006012）；当前为"${value}"`,
    );
  }
  const normalized = legacy ? `CNA${digits}.${legacy[2]}` : value;
  return succeed(normalized, { year: Number(digits.slice(0, 4)), format: legacy ? 'legacy' : 'current' });
}
