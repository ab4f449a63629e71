import { useCallback, useMemo } from 'react';
import { complaintsApi, type ComplaintCatalog, type ComplaintTransition } from '../api/complaints';
import type { CodeLabel, Role } from '../api/types';
import { useLang } from '../i18n';
import { sharedLoad } from './shared-load';
import { bilingual } from './use-catalog';

type Entry = { code: string | number; zh: string; en: string };

/** The catalog's labelled lists (all but `transitions`); `satisfaction` has numeric codes. */
type LabelList = {
  [K in keyof ComplaintCatalog]: ComplaintCatalog[K] extends readonly Entry[] ? K : never;
}[keyof ComplaintCatalog];

/** The lists with text codes, offered in selects. */
type OptionList = {
  [K in LabelList]: ComplaintCatalog[K] extends readonly CodeLabel[] ? K : never;
}[LabelList];

const useLoadedCatalog = sharedLoad(() => complaintsApi.catalog());

export interface ComplaintCatalogState {
  catalog: ComplaintCatalog | undefined;
  error: unknown;
  /** The label of `code` in one of the catalog's lists, in the UI language (the code itself while loading). */
  label: (list: LabelList, code: string | number | null | undefined) => string;
  /** `{ value, label }` options of a list (only `codes`, in the catalog's order, when given), for a Select. */
  options: (list: OptionList, codes?: readonly string[]) => { value: string; label: string }[];
}

/**
 * The complaint vocabularies (GET /complaints/catalog, fetched once and shared by every component) and label
 * look-ups in the UI language. Staff only: the public pages label codes from the web dictionary.
 */
export function useComplaintCatalog(): ComplaintCatalogState {
  const { lang } = useLang();
  const { data: catalog, error } = useLoadedCatalog();

  const label = useCallback(
    (list: LabelList, code: string | number | null | undefined): string => {
      if (code === null || code === undefined || code === '') return '';
      const entry = (catalog?.[list] as readonly Entry[] | undefined)?.find((x) => x.code === code);
      return entry ? bilingual(entry, lang) : String(code);
    },
    [catalog, lang],
  );

  const options = useCallback(
    (list: OptionList, codes?: readonly string[]) => {
      const all: readonly CodeLabel[] = catalog?.[list] ?? [];
      const picked = codes ? all.filter((x) => codes.includes(x.code)) : all;
      return picked.map((x) => ({ value: x.code, label: bilingual(x, lang) }));
    },
    [catalog, lang],
  );

  return useMemo(() => ({ catalog, error, label, options }), [catalog, error, label, options]);
}

/**
 * The transitions the user may take on a complaint now: from its state, for its category, with one of the
 * user's roles (the same checks the server makes; it has the last word).
 */
export function availableTransitions(
  catalog: ComplaintCatalog | undefined,
  complaint: { state: string; category: string },
  hasAnyRole: (roles: readonly Role[]) => boolean,
): ComplaintTransition[] {
  return (catalog?.transitions ?? []).filter(
    (tr) =>
      tr.from.includes(complaint.state) &&
      (!tr.categories || tr.categories.includes(complaint.category)) &&
      hasAnyRole(tr.roles as Role[]),
  );
}
