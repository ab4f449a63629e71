import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from './shanghai-time';

describe('Asia/Shanghai day boundaries', () => {
  it('maps an instant to the Shanghai calendar date (UTC+8)', () => {
    expect(shanghaiDate(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(shanghaiDate(new Date('2026-09-30T16:00:00.000Z'))).toBe('2026-10-01');
    expect(shanghaiDate(new Date('2026-12-31T23:00:00+08:00'))).toBe('2026-12-31');
  });

  it('gives the first and last millisecond of a Shanghai day', () => {
    expect(startOfShanghaiDay('2026-10-08').toISOString()).toBe('2026-10-07T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-10-08').toISOString()).toBe('2026-10-08T15:59:59.999Z');
    expect(shanghaiDate(startOfShanghaiDay('2026-10-08'))).toBe('2026-10-08');
    expect(shanghaiDate(endOfShanghaiDay('2026-10-08'))).toBe('2026-10-08');
  });

  it('rejects malformed dates', () => {
    expect(() => endOfShanghaiDay('2026-10-32')).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});
