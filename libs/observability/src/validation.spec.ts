import { MAX_INPUT_DEPTH, unacceptableInput } from './validation';

describe('unacceptableInput', () => {
  const nested = (levels: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < levels; i++) v = { a: v };
    return v;
  };

  it('accepts ordinary DTO-shaped input', () => {
    expect(unacceptableInput({ title: '案件', parties: [{ name: '张三', tags: ['a'] }], n: 1 })).toBeNull();
    expect(unacceptableInput(nested(MAX_INPUT_DEPTH))).toBeNull();
    expect(unacceptableInput(undefined)).toBeNull();
  });

  it('names the top-level field nested too deep, without overflowing the stack itself', () => {
    expect(unacceptableInput({ ok: 'x', deep: nested(100_000) })).toMatchObject({
      field: 'deep',
      code: 'maxDepth',
    });
    expect(unacceptableInput(nested(MAX_INPUT_DEPTH + 1))).toMatchObject({ field: 'a', code: 'maxDepth' });
  });

  it('names the field whose text holds U+0000, at any depth', () => {
    expect(unacceptableInput({ parties: [{ name: 'a\u0000b' }] })).toMatchObject({
      field: 'parties',
      code: 'noNul',
    });
    expect(unacceptableInput('\u0000')).toMatchObject({ field: '', code: 'noNul' });
    expect(unacceptableInput({ s: '😀 paired surrogates are fine' })).toBeNull();
  });

  it('names the field whose text holds a lone surrogate', () => {
    expect(unacceptableInput({ reason: 'a\udfffb' })).toMatchObject({
      field: 'reason',
      code: 'wellFormedUnicode',
    });
    expect(unacceptableInput(['\ud800'])).toMatchObject({ field: '0', code: 'wellFormedUnicode' });
  });
});
