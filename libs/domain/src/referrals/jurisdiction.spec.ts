import { IP_TYPE_CODES } from '../cases/catalog';
import { JURISDICTION_BASES, JURISDICTION_RULES, jurisdictionRuleFor } from './jurisdiction';

describe('jurisdiction rules (domain.md §3)', () => {
  it('gives every IP type one rule offline and one online, each citing its source', () => {
    for (const ipType of IP_TYPE_CODES) {
      for (const online of [false, true]) {
        const matching = JURISDICTION_RULES.filter(
          (r) => r.online === online && (r.ipTypes as readonly string[]).includes(ipType),
        );
        expect(matching).toHaveLength(1);
        expect(jurisdictionRuleFor(ipType, online)).toBe(matching[0]);
        expect(matching[0].source.law).toMatch(/《.+》/);
      }
    }
    expect(jurisdictionRuleFor('nope', false)).toBeUndefined();
  });

  it('lets a patent dispute go to the place of infringement or the respondent, online cases to the operator', () => {
    expect(jurisdictionRuleFor('patent_invention', false)!.bases).toEqual([
      'place_of_infringement',
      'respondent_domicile',
    ]);
    expect(jurisdictionRuleFor('trademark', false)!.bases).toEqual(['place_of_infringement']);
    expect(jurisdictionRuleFor('trademark', true)!.bases).toEqual(['operator_domicile', 'place_of_business']);
    const codes = JURISDICTION_BASES.map((b) => b.code) as string[];
    for (const r of JURISDICTION_RULES) for (const b of r.bases) expect(codes).toContain(b);
  });
});
