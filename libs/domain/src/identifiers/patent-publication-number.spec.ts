import { validatePatentPublicationNumber } from './patent-publication-number';

describe('validatePatentPublicationNumber', () => {
  it.each([
    ['CN102822194B', 'invention_grant', 'B'],
    ['cn 114911801 a', 'invention_publication', 'A'],
    ['CN216979871U', 'utility_model', 'U'],
    ['CN120551632B', 'invention_grant', 'B'],
    ['CN304123456S', 'design', 'S'],
    ['CN1234567C', 'invention_grant', 'C'], // pre-2010 grant, 7 digits
    ['CN2345678Y', 'utility_model', 'Y'],
    ['CN3123456D', 'design', 'D'],
    ['CN102822194A8', 'invention_publication', 'A8'], // corrected publication
  ])('accepts %p', (input, kind, kindCode) => {
    expect(validatePatentPublicationNumber(input)).toMatchObject({
      ok: true,
      normalized: input.toUpperCase().replace(/\s/g, ''),
      info: { kind, kindCode },
    });
  });

  it.each([
    ['CN102822194', 'FORMAT'],
    ['CN12345B', 'FORMAT'],
    ['CN1028221945B', 'FORMAT'],
    ['US102822194B', 'FORMAT'],
    ['CN102822194E', 'OUT_OF_RANGE'],
    ['CN202822194B', 'OUT_OF_RANGE'], // an invention grant number starts with 1
    ['CN116979871U', 'OUT_OF_RANGE'],
  ])('rejects %p', (input, code) => {
    expect(validatePatentPublicationNumber(input)).toMatchObject({ ok: false, code });
  });
});
