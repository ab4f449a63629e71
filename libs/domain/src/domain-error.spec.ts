import { DomainError, DomainErrorCode, httpStatusOf } from './domain-error';

describe('DomainError', () => {
  it('carries a code, a message and optional details', () => {
    const error = new DomainError('STALE_VERSION', 'Case was changed by someone else', { expected: 3 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('STALE_VERSION');
    expect(error.message).toBe('Case was changed by someone else');
    expect(error.details).toEqual({ expected: 3 });
  });

  it.each([
    ['VALIDATION_FAILED', 400],
    ['NOT_FOUND', 404],
    ['FORBIDDEN', 403],
    ['UNAUTHENTICATED', 401],
    ['CONFLICT', 409],
    ['STALE_VERSION', 409],
    ['INVALID_TRANSITION', 409],
    ['ACCOUNT_LOCKED', 423],
    ['INVALID_CREDENTIALS', 401],
    ['TOKEN_INVALID', 401],
    ['TOKEN_REUSED', 401],
    ['CALENDAR_NO_DATA', 422],
    ['OUT_OF_SCOPE', 403],
    ['PAYLOAD_TOO_LARGE', 413],
  ] as const)('maps %s to HTTP %i', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('has a status for every code', () => {
    for (const code of Object.values(DomainErrorCode)) expect(httpStatusOf(code)).toBeGreaterThanOrEqual(400);
  });
});
