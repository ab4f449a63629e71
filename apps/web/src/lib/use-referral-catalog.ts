import { useCallback, useMemo } from 'react';
import { referralsApi } from '../api/referrals';
import type { ReferralCatalog } from '../api/types';
import { useLang } from '../i18n';
import { sharedLoad } from './shared-load';
import { bilingual } from './use-catalog';

/** The catalog's labelled lists. */
type LabelList = 'kinds' | 'states' | 'actions' | 'clocks';

const useLoadedCatalog = sharedLoad(() => referralsApi.catalog());

export interface ReferralCatalogState {
  catalog: ReferralCatalog | undefined;
  /** The label of `code` in one of the lists, in the UI language (the code itself while loading). */
  label: (list: LabelList, code: string | null | undefined) => string;
  /** `{ value, label }` options of a list, for a Select or a Radio.Group. */
  options: (list: LabelList) => { value: string; label: string }[];
  /** The time limit a referral's clock runs by (`ruleId` of the detail). */
  rule: (ruleId: string | null | undefined) => ReferralCatalog['deadlineRules'][number] | undefined;
}

/** The referral vocabularies (GET /referrals/catalog, fetched once and shared) in the UI language. */
export function useReferralCatalog(): ReferralCatalogState {
  const { lang } = useLang();
  const { data: catalog } = useLoadedCatalog();

  const label = useCallback(
    (list: LabelList, code: string | null | undefined): string => {
      if (!code) return '';
      const entry = catalog?.[list].find((x) => x.code === code);
      return entry ? bilingual(entry, lang) : code;
    },
    [catalog, lang],
  );

  const options = useCallback(
    (list: LabelList) => (catalog?.[list] ?? []).map((x) => ({ value: x.code, label: bilingual(x, lang) })),
    [catalog, lang],
  );

  const rule = useCallback(
    (ruleId: string | null | undefined) =>
      ruleId ? catalog?.deadlineRules.find((r) => r.id === ruleId) : undefined,
    [catalog],
  );

  return useMemo(() => ({ catalog, label, options, rule }), [catalog, label, options, rule]);
}
