import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export type UrlPatch = Record<string, string | number | null | undefined>;

/**
 * Filters and paging kept in the URL query string, so a filtered list can be bookmarked or shared.
 * `update(patch)` drops empty values; changing any filter resets `page` unless the patch sets it.
 */
export function useUrlQuery() {
  const [params, setParams] = useSearchParams();

  const get = useCallback((key: string): string | undefined => params.get(key) ?? undefined, [params]);

  const getNumber = useCallback(
    (key: string, fallback: number): number => {
      const n = Number(params.get(key));
      return Number.isInteger(n) && n > 0 ? n : fallback;
    },
    [params],
  );

  const update = useCallback(
    (patch: UrlPatch) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in patch)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  const replaceAll = useCallback(
    (patch: UrlPatch) => {
      const next = new URLSearchParams();
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined && value !== null && value !== '') next.set(key, String(value));
      }
      setParams(next);
    },
    [setParams],
  );

  const key = params.toString();
  return useMemo(
    () => ({ params, key, get, getNumber, update, replaceAll }),
    [params, key, get, getNumber, update, replaceAll],
  );
}
