import { validateRegistrationNo15 } from './registration-no-15';

describe('validateRegistrationNo15', () => {
  it('accepts 15 digits and reports the authority code', () => {
    expect(validateRegistrationNo15(' 440301103456789 ')).toMatchObject({
      ok: true,
      normalized: '440301103456789',
      info: { authorityCode: '440301' },
    });
  });

  it.each(['44030110345678', '4403011034567890', '44030110345678A'])('rejects %s', (input) => {
    const r = validateRegistrationNo15(input);
    expect(r).toMatchObject({ ok: false, code: 'FORMAT' });
    expect(!r.ok && r.reason).toContain('15 digits');
  });
});
