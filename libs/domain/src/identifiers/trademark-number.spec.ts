import { validateTrademarkNumber } from './trademark-number';

describe('validateTrademarkNumber', () => {
  it.each([
    ['1', false],
    ['12345678', false],
    [' 3456789 ', false],
    ['G1234567', true],
    ['g 876543', true],
  ])('accepts %p', (input, madrid) => {
    expect(validateTrademarkNumber(input)).toMatchObject({ ok: true, info: { madrid } });
  });

  it.each(['123456789', '12A45', 'G', '0000', 'R1234567', ''])('rejects %p', (input) => {
    expect(validateTrademarkNumber(input)).toMatchObject({ ok: false });
  });
});
