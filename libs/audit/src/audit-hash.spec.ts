import { createHash } from 'node:crypto';
import { auditEventHash, canonicalJson, chainHash, normalizeJson, ZERO_HASH } from './audit-hash';

describe('canonicalJson', () => {
  it('sorts object keys recursively and drops undefined like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('is the same text whatever the insertion order', () => {
    expect(canonicalJson({ 名称: '专利', a: 1 })).toBe(canonicalJson({ a: 1, 名称: '专利' }));
  });

  it('writes dates as ISO strings and non-finite numbers as null', () => {
    expect(canonicalJson({ t: new Date('2026-01-02T03:04:05.006Z'), n: NaN })).toBe(
      '{"n":null,"t":"2026-01-02T03:04:05.006Z"}',
    );
  });
});

describe('normalizeJson', () => {
  it('returns what jsonb would give back', () => {
    expect(normalizeJson({ a: undefined, d: new Date(0), arr: [undefined], s: 'x\uD800y' })).toEqual({
      d: '1970-01-01T00:00:00.000Z',
      arr: [null],
      s: 'x\uFFFDy',
    });
  });
});

describe('chain hashes', () => {
  it('is sha256 over prev_hash followed by the canonical JSON', () => {
    const expected = createHash('sha256')
      .update(ZERO_HASH + '{"a":1,"b":2}')
      .digest('hex');
    expect(chainHash(ZERO_HASH, { b: 2, a: 1 })).toBe(expected);
  });

  it('covers every field of the event, including seq and the previous hash', () => {
    const e = {
      stream: 'case:1',
      seq: 1,
      occurredAt: new Date('2026-03-01T00:00:00.000Z'),
      actorId: null,
      actorName: 'system',
      action: 'case.file',
      entityType: 'case',
      entityId: '1',
      data: {},
      requestId: null,
    };
    const h = auditEventHash(ZERO_HASH, e);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEventHash('f'.repeat(64), e)).not.toBe(h);
    expect(auditEventHash(ZERO_HASH, { ...e, seq: 2 })).not.toBe(h);
    expect(auditEventHash(ZERO_HASH, { ...e, occurredAt: new Date(e.occurredAt.getTime() + 1) })).not.toBe(h);
    expect(auditEventHash(ZERO_HASH, { ...e, data: { x: 1 } })).not.toBe(h);
    expect(auditEventHash(ZERO_HASH, { ...e, requestId: 'r' })).not.toBe(h);
  });
});
