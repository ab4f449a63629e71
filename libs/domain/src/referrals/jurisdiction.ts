import type { IpType, Labelled } from '../cases/catalog';
import type { RuleSource } from '../cases/deadline-rules';

/** Where a case may be handled, by what connects the place to the case (domain.md §3). */
export const JURISDICTION_BASES = [
  { code: 'place_of_infringement', zh: '侵权行为地', en: 'Place of infringement' },
  { code: 'respondent_domicile', zh: '被请求人住所地', en: "Respondent's domicile" },
  { code: 'operator_domicile', zh: '平台经营者（自建网站经营者）住所地', en: "Platform operator's domicile" },
  { code: 'place_of_business', zh: '平台内经营者实际经营地', en: "Merchant's place of business" },
] as const satisfies readonly (Labelled & { code: string })[];
export type JurisdictionBasis = (typeof JURISDICTION_BASES)[number]['code'];

export interface JurisdictionRule {
  id: string;
  ipTypes: readonly IpType[];
  /** Online cases (e-commerce) follow their own rule. */
  online: boolean;
  bases: readonly JurisdictionBasis[];
  source: RuleSource;
}

const PATENTS: IpType[] = ['patent_invention', 'patent_utility', 'patent_design'];
const OTHERS: IpType[] = ['trademark', 'copyright', 'copyright_software', 'plant_variety'];
const DECREE_81 = '《专利纠纷行政裁决和调解办法》（国家知识产权局令第81号）';
const COMPLAINT_MEASURES = '《市场监督管理投诉举报处理暂行办法》（总局令第20号）';
const SAMR_2 = '《市场监督管理行政处罚程序规定》（总局令第2号）';

/**
 * Jurisdiction suggestions (domain.md §3): a patent dispute goes to the place of infringement or the respondent's
 * domicile; other cases to the place of the violation; online, a platform operator (or a merchant with its own
 * website) answers where it is domiciled, a merchant on a platform where it actually does business. The respondent's
 * domicile is read from its credit code (characters 3–8: the registering authority's region) or resident ID (its
 * first six digits); the place of business of an online merchant is approximated the same way — the system has no
 * other coded address for it.
 */
export const JURISDICTION_RULES: readonly JurisdictionRule[] = [
  {
    id: 'jurisdiction.patent',
    ipTypes: PATENTS,
    online: false,
    bases: ['place_of_infringement', 'respondent_domicile'],
    source: { law: DECREE_81, article: '第六条', confidence: 'V' },
  },
  {
    id: 'jurisdiction.patent_online',
    ipTypes: PATENTS,
    online: true,
    bases: ['operator_domicile', 'place_of_business', 'place_of_infringement'],
    source: {
      law: `${COMPLAINT_MEASURES}；${DECREE_81}`,
      article: '第十二条、第二十七条；第六条',
      confidence: 'V',
    },
  },
  {
    id: 'jurisdiction.penalty',
    ipTypes: OTHERS,
    online: false,
    bases: ['place_of_infringement'],
    source: { law: SAMR_2, article: '违法行为发生地（条号待核）', confidence: 'S' },
  },
  {
    id: 'jurisdiction.online',
    ipTypes: OTHERS,
    online: true,
    bases: ['operator_domicile', 'place_of_business'],
    source: { law: COMPLAINT_MEASURES, article: '第十二条、第二十七条', confidence: 'V' },
  },
];

export function jurisdictionRuleFor(ipType: string, online: boolean): JurisdictionRule | undefined {
  return JURISDICTION_RULES.find(
    (r) => r.online === online && (r.ipTypes as readonly string[]).includes(ipType),
  );
}
