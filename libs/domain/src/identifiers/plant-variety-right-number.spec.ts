import { validatePlantVarietyRightNumber } from './plant-variety-right-number';

describe('validatePlantVarietyRightNumber', () => {
  it.each([
    ['CNA20080376.X', 'CNA20080376.X', 2008, 'legacy'],
    ['cna 20080376.x', 'CNA20080376.X', 2008, 'legacy'],
    ['CNA200803761', 'CNA20080376.1', 2008, 'legacy'],
    ['CNA20191006012', 'CNA20191006012', 2019, 'current'],
  ])('accepts %p', (input, normalized, year, format) => {
    expect(validatePlantVarietyRightNumber(input)).toMatchObject({
      ok: true,
      normalized,
      info: { year, format },
    });
  });

  it.each(['CNA2008037.X', 'CNA2019100601', 'CNA201910060123', 'CN20191006012', '20080376.X'])(
    'rejects %p',
    (input) => {
      expect(validatePlantVarietyRightNumber(input)).toMatchObject({ ok: false, code: 'FORMAT' });
    },
  );
});
