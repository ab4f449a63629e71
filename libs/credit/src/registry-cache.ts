import { AppConfig } from '@app/config';
import { shanghaiDate } from '@app/domain';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';

export interface CachedResponse {
  body: string;
  etag: string;
}

const MAX_ENTRIES = 2_000;
/** The PostgreSQL channel a publication or removal notifies (delivered when its transaction commits). */
export const REGISTRY_CHANNEL = 'ipe_registry';

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
 * The public registry's rendered responses, per API process, for REGISTRY_CACHE_SECONDS (0: off). Every process
 * LISTENs on REGISTRY_CHANNEL, which each publication or removal notifies in its transaction: PostgreSQL delivers
 * the notification when that transaction commits, to every process, and each clears its cache — so a removed
 * listing is never served as current once its removal has committed. Nothing is cached while the listening
 * connection is down. A response read before a clear is not stored after it (the generation check). Keys carry the
 * Shanghai date, so a period that ends at midnight is never served from yesterday's entry.
 */
@Injectable()
export class RegistryCache implements OnModuleDestroy {
  private readonly logger = new Logger(RegistryCache.name);
  private readonly entries = new Map<string, { until: number; value: CachedResponse }>();
  private readonly ttlMs: number;
  private listener: Client | null = null;
  private listening = false;
  private started: Promise<void> = Promise.resolve();
  private closed = false;
  /** Bumped by every clear: a response computed under an older generation is not stored. */
  generation = 0;

  constructor(private readonly config: AppConfig) {
    this.ttlMs = config.REGISTRY_CACHE_SECONDS * 1000;
  }

  get(key: string): CachedResponse | null {
    if (!this.listening) return null;
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.until < Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return e.value;
  }

  /** Stores a response computed while the cache was at `generation` (from `this.generation` before the query). */
  set(key: string, value: CachedResponse, generation: number): void {
    if (this.ttlMs <= 0) return;
    void this.listen();
    if (!this.listening || generation !== this.generation) return;
    this.entries.delete(key);
    this.entries.set(key, { until: Date.now() + this.ttlMs, value });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Starts listening (once; normally on the first response worth caching) and resolves when it listens. */
  listen(): Promise<void> {
    if (this.listener || this.closed) return this.started;
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    this.listener = client;
    const down = (err?: Error) => {
      if (err) this.logger.warn(`registry cache off until it listens again: ${err.message}`);
      this.listening = false;
      this.clear();
      if (this.listener === client) this.listener = null;
      void client.end().catch(() => undefined);
    };
    client.on('notification', () => this.clear());
    client.on('error', down);
    client.on('end', () => down());
    this.started = client
      .connect()
      .then(() => client.query(`LISTEN ${REGISTRY_CHANNEL}`))
      .then(() => {
        if (this.listener === client) this.listening = true;
      })
      .catch(down);
    return this.started;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.listening = false;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }
}
