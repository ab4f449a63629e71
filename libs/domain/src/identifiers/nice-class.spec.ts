import { validateNiceClass } from './nice-class';

describe('validateNiceClass', () => {
  it.each([
    [1, '1'],
    [45, '45'],
    ['09', '9'],
    [' 25 ', '25'],
    ['第35类', '35'],
  ])('accepts %p', (input, normalized) => {
    expect(validateNiceClass(input)).toMatchObject({
      ok: true,
      normalized,
      info: { niceClass: Number(normalized) },
    });
  });

  it.each([0, 46, 9.5, -1, '', 'abc', '100', NaN])('rejects %p', (input) => {
    const r = validateNiceClass(input);
    expect(r).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
    expect(!r.ok && r.reason).toContain('1 to 45');
  });
});
