import {
  DEFAULT_CREDIT_CONFIG,
  LISTING_GROUNDS,
  LISTING_REGIMES,
  LISTING_STATES,
  qualifyingGrounds,
  type ListingCaseFacts,
} from './catalog';
import {
  isPublishedOutcome,
  publicationPeriod,
  publicationSummary,
  publicationTransition,
  yuanText,
} from './publication';
import { maskIdNumber, scrubPersonalData } from '../privacy/personal-data';
import { maskPersonName } from './redaction';
import { LISTING_TRANSITIONS, listingTransition } from './workflow';

const facts = (extra: Partial<ListingCaseFacts> = {}): ListingCaseFacts => ({
  ipType: 'trademark',
  procedure: 'penalty_trademark',
  outcome: 'penalty',
  fineFen: 5_000_00,
  repeatInfringer: false,
  ...extra,
});
const codes = (f: ListingCaseFacts, config = DEFAULT_CREDIT_CONFIG) =>
  qualifyingGrounds(f, config).map((g) => g.code);

describe('listing grounds', () => {
  it('offers a proposal only for a penalty that is repeated, aggravated or for passing off', () => {
    expect(codes(facts())).toEqual([]);
    expect(codes(facts({ repeatInfringer: true }))).toEqual(['repeat_infringement']);
    expect(codes(facts({ fineFen: 100_000_00 }))).toEqual(['heavy_fine']);
    expect(codes(facts({ fineFen: 99_999_99 }))).toEqual([]);
    expect(codes(facts({ procedure: 'penalty_passing_off', ipType: 'patent_invention' }))).toEqual([
      'passing_off_patent',
    ]);
    expect(codes(facts({ repeatInfringer: true, fineFen: 200_000_00 }))).toEqual([
      'repeat_infringement',
      'heavy_fine',
    ]);
  });

  it('never offers one for a warning, no penalty or a mediation, however heavy the facts', () => {
    for (const outcome of ['warning', 'no_penalty', 'mediation_agreement', null]) {
      expect(codes(facts({ outcome, repeatInfringer: true, fineFen: 1_000_000_00 }))).toEqual([]);
    }
  });

  it('reads the aggravated-fine line from the configuration', () => {
    expect(codes(facts({ fineFen: 60_000_00 }), { heavyFineFen: 50_000_00 })).toEqual(['heavy_fine']);
  });

  it('gives every ground a regime with periods and a cited source; manual grounds say so', () => {
    for (const g of LISTING_GROUNDS) {
      expect(LISTING_REGIMES.map((r) => r.code)).toContain(g.regime);
      expect(g.source.law).toMatch(/^《/);
      expect(g.when.zh.length).toBeGreaterThan(0);
    }
    expect(LISTING_GROUNDS.filter((g) => g.qualifies === null).map((g) => g.code)).toContain(
      'refusing_execution',
    );
  });
});

describe('listing workflow', () => {
  it('reaches publication only through a notice and a statement or a lapsed window, reviewed by a head', () => {
    const into = (state: string) => LISTING_TRANSITIONS.filter((t) => t.to === state && t.from[0] !== state);
    expect(into('published').map((t) => [t.action, [...t.from]])).toEqual([['list', ['defended', 'lapsed']]]);
    expect(into('defended').map((t) => t.from)).toEqual([['notified']]);
    expect(into('lapsed').map((t) => t.roles)).toEqual([['system']]);
    const list = listingTransition('defended', 'list')!;
    expect(list.roles).toEqual(['supervisor']);
    expect(list.notByProposer).toBe(true);
    expect(listingTransition('proposed', 'list')).toBeUndefined();
    expect(listingTransition('notified', 'list')).toBeUndefined();
  });

  it('leaves every state with a way out unless it is final', () => {
    for (const s of LISTING_STATES) {
      const out = LISTING_TRANSITIONS.filter((t) => t.from.includes(s.code) && t.to !== s.code);
      expect(out.length > 0).toBe(s.open);
    }
  });
});

describe('decision publication', () => {
  it('publishes penalties and rulings, never warnings', () => {
    expect(isPublishedOutcome('penalty')).toBe(true);
    expect(isPublishedOutcome('ruling_infringing')).toBe(true);
    expect(isPublishedOutcome('warning')).toBe(false);
    expect(isPublishedOutcome('mediation_agreement')).toBe(false);
  });

  it('shows a low fine for 3 months and everything else for 3 years', () => {
    expect(publicationPeriod('penalty', 5_000_00)).toMatchObject({ amount: 3, unit: 'MONTH' });
    expect(publicationPeriod('penalty', 10_000_00)).toMatchObject({ amount: 36, unit: 'MONTH' });
    expect(publicationPeriod('penalty', null)).toMatchObject({ amount: 36 });
    expect(publicationPeriod('ruling_infringing', null)).toMatchObject({ amount: 36 });
  });
});

describe('redaction', () => {
  it('keeps the region digits and the last four of an ID, and the surname of a name', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳修文')).toBe('欧***');
    expect(maskPersonName('李')).toBe('*');
  });
});

describe('scrubPersonalData', () => {
  it('masks IDs and mobile numbers in free text, and leaves credit codes and dates alone', () => {
    expect(scrubPersonalData('当事人身份证号11010519491231002X，电话13800138000。')).toBe(
      '当事人身份证号110105********002X，电话138****8000。',
    );
    expect(scrubPersonalData('统一社会信用代码91330106MA2CFXX47J，2026-12-01')).toBe(
      '统一社会信用代码91330106MA2CFXX47J，2026-12-01',
    );
  });
});

describe('publication summary', () => {
  it('states the penalty in yuan and the violation by procedure, from facts only', () => {
    expect(
      publicationSummary({
        ipTypeZh: '商标',
        procedureZh: '商标侵权行政处罚',
        outcome: 'penalty',
        outcomeZh: '行政处罚',
        fineFen: 5_000_000,
        confiscatedFen: 12_345,
      }),
    ).toEqual({
      violation: '商标侵权行政处罚（商标）',
      penalty: '罚款人民币50000元；没收违法所得及侵权商品（价值人民币123.45元）',
    });
    expect(yuanText(150)).toBe('1.5');
    expect(publicationTransition('pending', 'stop')).toBeUndefined();
    expect(publicationTransition('published', 'stop')?.roles).toEqual(['supervisor']);
  });
});
