import { organizationCodeCheckCharacter, validateOrganizationCode } from './organization-code';

describe('validateOrganizationCode', () => {
  it.each([
    ['19220382-1', '19220382-1'], // 华为技术有限公司 (USCC 914403001922038216, characters 9–17)
    ['71526726X', '71526726-X'], // 腾讯科技（深圳）有限公司
    ['71610585 2', '71610585-2'], // 阿里巴巴（中国）有限公司
    ['m0001tgq-x', 'M0001TGQ-X'], // letters in the body count 10 + index
  ])('accepts %p', (input, normalized) => {
    expect(validateOrganizationCode(input)).toMatchObject({ ok: true, normalized });
  });

  it('computes 10 as X and 11 as 0', () => {
    expect(organizationCodeCheckCharacter('71526726')).toBe('X');
    // Σ = 0 → C = 11 → '0'
    expect(organizationCodeCheckCharacter('00000000')).toBe('0');
  });

  it('rejects a wrong check character with the expected one', () => {
    const r = validateOrganizationCode('19220382-2');
    expect(r).toMatchObject({ ok: false, code: 'CHECK_CHARACTER' });
    expect(!r.ok && r.reason).toContain("should be '1' but is '2'");
  });

  it.each(['1922038-1', '19220382-11', '1922038#-1', '19220382-A'])('rejects the malformed %p', (input) => {
    expect(validateOrganizationCode(input)).toMatchObject({ ok: false, code: 'FORMAT' });
  });
});
