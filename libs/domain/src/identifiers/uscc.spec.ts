import { USCC_WEIGHTS, usccCheckCharacter, validateUscc } from './uscc';

describe('validateUscc', () => {
  it('uses weights 3^(i-1) mod 31', () => {
    expect(USCC_WEIGHTS).toEqual(Array.from({ length: 17 }, (_, i) => Number(3n ** BigInt(i) % 31n)));
  });

  it.each([
    ['914403001922038216', '6'], // 华为技术有限公司
    ['9144030071526726XG', 'G'], // 腾讯科技（深圳）有限公司
    ['91330100716105852F', 'F'], // 阿里巴巴（中国）有限公司
  ])('accepts the published code %s', (code, check) => {
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(check);
    const r = validateUscc(code);
    expect(r).toMatchObject({ ok: true, normalized: code, warnings: [], notes: [] });
    expect(r.ok && r.checkMismatch).toBeFalsy();
  });

  it('returns the parts of the code', () => {
    const r = validateUscc('914403001922038216');
    expect(r.ok && r.info).toEqual({
      authorityCode: '9',
      categoryCode: '1',
      regionCode: '440300',
      entityCode: '192203821',
      expectedCheckCharacter: '6',
    });
  });

  it('normalises case, whitespace and full-width characters', () => {
    expect(validateUscc(' 9144 0300 7152 6726xg ')).toMatchObject({
      ok: true,
      normalized: '9144030071526726XG',
    });
    expect(validateUscc('９１４４０３００１９２２０３８２１６')).toMatchObject({
      ok: true,
      normalized: '914403001922038216',
    });
  });

  it('accepts an early pilot code that fails the check, with a warning and the mismatch flag', () => {
    const r = validateUscc('91350100M0001TGQXM');
    expect(r).toMatchObject({ ok: true, checkMismatch: true, warnings: ['USCC_CHECK_MISMATCH'] });
    expect(r.ok && r.notes[0].message).toContain("check character should be '1' but is 'M'");
    expect(r.ok && r.notes[0].messageZh).toContain('校验码应为"1"');
  });

  it('warns when the embedded organisation code fails its own check', () => {
    const body = '91440300192203822'; // organisation-code check changed from 1 to 2
    const r = validateUscc(body + usccCheckCharacter(body));
    expect(r).toMatchObject({ ok: true, warnings: ['USCC_ORG_CODE_CHECK_MISMATCH'] });
    expect(r.ok && r.checkMismatch).toBeFalsy();
  });

  it.each([
    ['', 'EMPTY', 'empty'],
    ['91440300192203821', 'FORMAT', '18 characters, this one has 17'],
    ['9144030019220382166', 'FORMAT', 'this one has 19'],
    ['91A403001922038216', 'FORMAT', 'character 3 is'],
    ['914403001922038I16', 'FORMAT', "character 16 'I' is not allowed"],
    ['9144030019220382O6', 'FORMAT', "character 17 'O' is not allowed"],
  ])('rejects %p (%s)', (input, code, reason) => {
    const r = validateUscc(input);
    expect(r).toMatchObject({ ok: false, code });
    expect(!r.ok && r.reason).toContain(reason);
    expect(!r.ok && r.reasonZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rejects non-text input without throwing', () => {
    expect(validateUscc(undefined as unknown as string)).toMatchObject({ ok: false, code: 'EMPTY' });
  });
});
