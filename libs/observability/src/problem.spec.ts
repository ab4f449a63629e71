import { DomainError } from '@app/domain';
import { ServiceUnavailableException } from '@nestjs/common';
import { isDatabaseUnavailable, isStorageFull, toProblem } from './problem';

/** Errors of an unavailable database or a full disk are outages to retry, not bugs (issue 9's fault suite). */
describe('problem mapping of outages', () => {
  const pg = (code: string, message = 'x') => Object.assign(new Error(message), { code });
  const typeorm = (driverError: Error) =>
    Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError });

  it.each([
    ['connection refused', pg('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    [
      'admin shutdown, wrapped by TypeORM',
      typeorm(pg('57P01', 'terminating connection due to administrator command')),
    ],
    ['crash shutdown', pg('57P02')],
    ['starting up', pg('57P03', 'the database system is starting up')],
    ['too many connections', pg('53300')],
    ['connection lost', new Error('Connection terminated unexpectedly')],
    ['pool timeout', new Error('timeout exceeded when trying to connect')],
    [
      'runner released after its connection failed',
      new Error('Query runner already released. Cannot run queries anymore.'),
    ],
    ['a cause chain', new Error('outer', { cause: pg('ECONNRESET') })],
  ])('answers %s with 503 and retry advice', (_, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
    const p = toProblem(e, 'en');
    expect(p).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
    expect(p.detail).toMatch(/retry/i);
    expect(toProblem(e, 'zh-CN').detail).toMatch(/重试/);
  });

  it.each([
    ['a unique violation', typeorm(pg('23505', 'duplicate key value violates unique constraint'))],
    ['a syntax error', pg('42601', 'syntax error at or near "x"')],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['a domain error', new DomainError('NOT_FOUND', 'gone')],
  ])('does not take %s for an outage', (_, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false);
    expect(toProblem(e, 'en').status).not.toBe(503);
  });

  it('answers a full disk with 507 and a human message', () => {
    const e = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(isStorageFull(e)).toBe(true);
    expect(toProblem(e, 'en')).toMatchObject({ status: 507, code: 'INSUFFICIENT_STORAGE' });
    expect(toProblem(e, 'zh-CN').detail).toMatch(/存储空间/);
    expect(isStorageFull(new Error('EACCES'))).toBe(false);
  });

  it("keeps a failed health check's report and names what is down", () => {
    const report = {
      status: 'error',
      info: { redis: { status: 'up' } },
      error: { postgres: { status: 'down' } },
      details: { redis: { status: 'up' }, postgres: { status: 'down' } },
    };
    const p = toProblem(new ServiceUnavailableException(report), 'en');
    expect(p).toMatchObject({ status: 503, detail: 'Unavailable: postgres', details: report.details });
  });
});
