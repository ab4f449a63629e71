import { AppConfig } from '@app/config';
import { shanghaiDate } from '@app/domain';
import { Injectable } from '@nestjs/common';

export interface CachedResponse {
  body: string;
  etag: string;
}

const MAX_ENTRIES = 2_000;

/** The registry query parameters; any other parameter is not a registry query the cache answers. */
export const REGISTRY_QUERY_KEYS = ['q', 'uscc', 'region', 'ipType', 'page', 'pageSize', 'format'] as const;

/**
 * The cache key of a registry query: today's Shanghai date and the parameters as sent (page and size defaulted).
 * The same for the validated query (controller) and the raw one (the edge hook), so a hit answers exactly what the
 * controller would.
 */
export function registryCacheKey(q: Partial<Record<(typeof REGISTRY_QUERY_KEYS)[number], unknown>>): string {
  return [
    shanghaiDate(new Date()),
    q.q ?? '',
    q.uscc ?? '',
    q.region ?? '',
    q.ipType ?? '',
    String(q.page ?? 1),
    String(q.pageSize ?? 20),
    q.format === 'csv' ? 'csv' : 'json',
  ].join('\u0001');
}

/**
 * The public registry's rendered responses, per process, for REGISTRY_CACHE_SECONDS (0: off). A listing published
 * or removed through this process clears it at once; another process's change shows within the lifetime — the
 * same staleness the responses allow every client and proxy (Cache-Control max-age=60). Keys carry the Shanghai
 * date, so a period that ends at midnight is never served from yesterday's entry. Oldest entries go first beyond
 * MAX_ENTRIES.
 */
@Injectable()
export class RegistryCache {
  private readonly entries = new Map<string, { until: number; value: CachedResponse }>();
  private readonly ttlMs: number;

  constructor(config: AppConfig) {
    this.ttlMs = config.REGISTRY_CACHE_SECONDS * 1000;
  }

  get(key: string): CachedResponse | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.until < Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }

  set(key: string, value: CachedResponse): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, { until: Date.now() + this.ttlMs, value });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.entries.clear();
  }
}
