import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { workflowsApi } from '../api/cases';
import type { Bilingual, CodeLabel, WorkflowCatalog } from '../api/types';
import { useLang, type Lang } from '../i18n';

/** The text of a `{ zh, en }` pair in the UI language. */
export function bilingual(value: Bilingual | null | undefined, lang: Lang): string {
  if (!value) return '';
  return lang === 'en' ? value.en : value.zh;
}

/** The catalog's code lists (not its `evidence` limits). */
type Vocabulary = {
  [K in keyof WorkflowCatalog]: WorkflowCatalog[K] extends readonly CodeLabel[] ? K : never;
}[keyof WorkflowCatalog];

// One copy of the (static) catalog for the whole page; every component reads the same snapshot.
let snapshot: { catalog?: WorkflowCatalog; error?: unknown } = {};
let loading = false;
const listeners = new Set<() => void>();

function load(): void {
  if (loading || snapshot.catalog) return;
  loading = true;
  workflowsApi.catalog().then(
    (catalog) => {
      snapshot = { catalog };
      loading = false;
      listeners.forEach((fn) => fn());
    },
    (error: unknown) => {
      snapshot = { error };
      loading = false;
      listeners.forEach((fn) => fn());
    },
  );
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!snapshot.catalog) load(); // first use, or a retry after an error
  return () => listeners.delete(listener);
}

const getSnapshot = () => snapshot;

export interface CatalogState {
  catalog: WorkflowCatalog | undefined;
  error: unknown;
  /** The label of `code` in one of the catalog's lists, in the UI language (the code itself while loading). */
  label: (list: Vocabulary, code: string | null | undefined) => string;
  /** `{ value, label }` options of a list (only `codes`, in the catalog's order, when given), for a Select. */
  options: (list: Vocabulary, codes?: readonly string[]) => { value: string; label: string }[];
}

/** The workflow catalog (GET /workflows, fetched once and shared) and label look-ups in the UI language. */
export function useCatalog(): CatalogState {
  const { lang } = useLang();
  const { catalog, error } = useSyncExternalStore(subscribe, getSnapshot);

  const label = useCallback(
    (list: Vocabulary, code: string | null | undefined): string => {
      if (!code) return '';
      const entry = (catalog?.[list] as CodeLabel[] | undefined)?.find((x) => x.code === code);
      return entry ? bilingual(entry, lang) : code;
    },
    [catalog, lang],
  );

  const options = useCallback(
    (list: Vocabulary, codes?: readonly string[]) => {
      const all = (catalog?.[list] as CodeLabel[] | undefined) ?? [];
      const picked = codes ? all.filter((x) => codes.includes(x.code)) : all;
      return picked.map((x) => ({ value: x.code, label: bilingual(x, lang) }));
    },
    [catalog, lang],
  );

  return useMemo(() => ({ catalog, error, label, options }), [catalog, error, label, options]);
}
