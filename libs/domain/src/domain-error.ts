/**
 * Machine-readable error codes shared by every layer. Services and processors throw {@link DomainError} with one of
 * these codes (never an HttpException); the API's problem+json filter maps the code to an HTTP status with
 * {@link httpStatusOf}, so the worker can reuse the same errors without knowing about HTTP.
 */
export const DomainErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  CONFLICT: 'CONFLICT',
  STALE_VERSION: 'STALE_VERSION',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  TOKEN_INVALID: 'TOKEN_INVALID',
  TOKEN_REUSED: 'TOKEN_REUSED',
  CALENDAR_NO_DATA: 'CALENDAR_NO_DATA',
  OUT_OF_SCOPE: 'OUT_OF_SCOPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  // Referrals (issue 6): a rule of the referral procedure refuses the step.
  REFERRAL_OPEN: 'REFERRAL_OPEN',
  ONWARD_TRANSFER_FORBIDDEN: 'ONWARD_TRANSFER_FORBIDDEN',
  CASE_MOVED: 'CASE_MOVED',
  CRIMINAL_TRANSFER_OPEN: 'CRIMINAL_TRANSFER_OPEN',
  // Credit listings (issue 7).
  LISTING_EXISTS: 'LISTING_EXISTS',
  DEFENCE_WINDOW_OPEN: 'DEFENCE_WINDOW_OPEN',
  DEFENCE_WINDOW_LAPSED: 'DEFENCE_WINDOW_LAPSED',
  REPAIR_TOO_EARLY: 'REPAIR_TOO_EARLY',
  FOUR_EYES: 'FOUR_EYES',
} as const;

export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

const HTTP_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  CONFLICT: 409,
  STALE_VERSION: 409,
  INVALID_TRANSITION: 409,
  ACCOUNT_LOCKED: 423,
  INVALID_CREDENTIALS: 401,
  TOKEN_INVALID: 401,
  TOKEN_REUSED: 401,
  CALENDAR_NO_DATA: 422,
  // A resource outside the caller's region scope is reported like any other forbidden access.
  OUT_OF_SCOPE: 403,
  PAYLOAD_TOO_LARGE: 413,
  REFERRAL_OPEN: 409,
  ONWARD_TRANSFER_FORBIDDEN: 409,
  CASE_MOVED: 409,
  CRIMINAL_TRANSFER_OPEN: 409,
  LISTING_EXISTS: 409,
  DEFENCE_WINDOW_OPEN: 409,
  DEFENCE_WINDOW_LAPSED: 409,
  REPAIR_TOO_EARLY: 409,
  // The proposer may not review their own proposal: forbidden to them, whatever their role.
  FOUR_EYES: 403,
};

/** The HTTP status a {@link DomainErrorCode} is reported with. Pure data; the HTTP layer owns the mapping's use. */
export function httpStatusOf(code: DomainErrorCode): number {
  return HTTP_STATUS[code];
}

/** An expected, classified failure of a domain rule. `details` carries machine-readable context (field, ids, …). */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
