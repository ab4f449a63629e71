import { useCallback, useMemo } from 'react';
import { creditApi } from '../../api/credit';
import type { CreditCatalog } from '../../api/types';
import { useLang } from '../../i18n';
import { sharedLoad } from '../../lib/shared-load';
import { bilingual } from '../../lib/use-catalog';

/** The catalog's labelled lists. */
type LabelList =
  | 'grounds'
  | 'regimes'
  | 'states'
  | 'actions'
  | 'noticeMethods'
  | 'repairConditions'
  | 'repairMaterials'
  | 'subjectKinds';

const useLoadedCatalog = sharedLoad(() => creditApi.catalog());

export interface CreditCatalogState {
  catalog: CreditCatalog | undefined;
  /** The label of `code` in one of the lists, in the UI language (the code itself while loading). */
  label: (list: LabelList, code: string | null | undefined) => string;
  /** `{ value, label }` options of a list, for a Select. */
  options: (list: LabelList) => { value: string; label: string }[];
  /** A listing ground with its regime, source and whether it is proposed automatically. */
  ground: (code: string | null | undefined) => CreditCatalog['grounds'][number] | undefined;
}

/** The credit vocabularies (GET /credit/catalog, fetched once and shared) in the UI language. */
export function useCreditCatalog(): CreditCatalogState {
  const { lang } = useLang();
  const { data: catalog } = useLoadedCatalog();

  const label = useCallback(
    (list: LabelList, code: string | null | undefined): string => {
      if (!code) return '';
      const entry = (catalog?.[list] as { code: string; zh: string; en: string }[] | undefined)?.find(
        (x) => x.code === code,
      );
      return entry ? bilingual(entry, lang) : code;
    },
    [catalog, lang],
  );

  const options = useCallback(
    (list: LabelList) =>
      ((catalog?.[list] ?? []) as { code: string; zh: string; en: string }[]).map((x) => ({
        value: x.code,
        label: bilingual(x, lang),
      })),
    [catalog, lang],
  );

  const ground = useCallback(
    (code: string | null | undefined) => (code ? catalog?.grounds.find((g) => g.code === code) : undefined),
    [catalog],
  );

  return useMemo(() => ({ catalog, label, options, ground }), [catalog, label, options, ground]);
}
