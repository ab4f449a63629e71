/** A human-readable remark attached to an accepted identifier, in English and Chinese. */
export interface ValidationNote {
  /** The warning code this note explains (one of `warnings`). */
  code: string;
  message: string;
  messageZh: string;
}

/** The identifier is acceptable; it may still carry warnings the caller should show or record. */
export interface ValidationSuccess<I> {
  ok: true;
  /** Canonical spelling to store: trimmed, half-width, upper-case, without separators unless the format has them. */
  normalized: string;
  /** Machine warning codes, e.g. `USCC_CHECK_MISMATCH`, `LEGACY_15_DIGIT`. Empty when there is nothing to say. */
  warnings: string[];
  /** One note per warning, same order, for display. */
  notes: ValidationNote[];
  /**
   * Set when the check character does not match but the identifier is still accepted (USCC only): the caller must
   * record an override reason to keep it.
   */
  checkMismatch?: true;
  info: I;
}

/** Why an identifier was rejected. */
export type ValidationFailureCode = 'EMPTY' | 'FORMAT' | 'OUT_OF_RANGE' | 'CHECK_CHARACTER';

export interface ValidationFailure {
  ok: false;
  code: ValidationFailureCode;
  /** What is wrong and how to fix it, in English. */
  reason: string;
  /** The same, in Chinese (shown to officers first). */
  reasonZh: string;
}

/** The one result shape every identifier validator returns. */
export type ValidationResult<I> = ValidationSuccess<I> | ValidationFailure;

export function fail(code: ValidationFailureCode, reason: string, reasonZh: string): ValidationFailure {
  return { ok: false, code, reason, reasonZh };
}

export function succeed<I>(normalized: string, info: I, notes: ValidationNote[] = []): ValidationSuccess<I> {
  return { ok: true, normalized, warnings: notes.map((n) => n.code), notes, info };
}

/**
 * Canonical input form shared by the validators: full-width ASCII (common with Chinese input methods) becomes
 * half-width, all whitespace is removed, letters are upper-cased.
 */
export function normalizeInput(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Normalises the input or explains that it is empty / not text. */
export function readInput(input: unknown, label: string, labelZh: string): string | ValidationFailure {
  if (typeof input !== 'string') {
    return fail('EMPTY', `${label} must be given as text`, `${labelZh}应为文本`);
  }
  const value = normalizeInput(input);
  return value === '' ? fail('EMPTY', `${label} is empty`, `${labelZh}不能为空`) : value;
}
