import { useSyncExternalStore } from 'react';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
}

/**
 * A hook reading one copy of `load()`'s answer for the whole page, for static reference data (a catalog): loaded on
 * first use and shared by every component; loaded again on the next use after an error.
 */
export function sharedLoad<T>(load: () => Promise<T>): () => Loaded<T> {
  let snapshot: Loaded<T> = {};
  let loading = false;
  const listeners = new Set<() => void>();

  const settle = (next: Loaded<T>) => {
    snapshot = next;
    loading = false;
    listeners.forEach((fn) => fn());
  };
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    if (!snapshot.data && !loading) {
      loading = true;
      load().then(
        (data) => settle({ data }),
        (error: unknown) => settle({ error }),
      );
    }
    return () => listeners.delete(listener);
  };
  const getSnapshot = () => snapshot;

  return function useSharedLoad() {
    return useSyncExternalStore(subscribe, getSnapshot);
  };
}
