import type { FieldViolation } from './cases/transition-check';
import { DomainError } from './domain-error';

/** The summary commands put before their field messages in a 400's detail. */
export const INVALID_REQUEST = 'The request is incomplete or invalid';

/** One field's problem, in English and Chinese, with a machine code (INVALID unless said). */
export function fieldViolation(
  field: string,
  message: string,
  messageZh: string,
  code = 'INVALID',
): FieldViolation {
  return { field, code, message, messageZh };
}

/** Refuses a request with every violation found (400, one error per field); `summary` leads the detail. */
export function failValidation(violations: FieldViolation[], summary?: string): never {
  const messages = violations.map((v) => v.message).join('; ');
  throw new DomainError('VALIDATION_FAILED', summary ? `${summary}: ${messages}` : messages, {
    errors: violations,
  });
}

/** A string trimmed, or null when it is not a string, blank, or longer than `max` characters. */
export function boundedText(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t && t.length <= max ? t : null;
}
