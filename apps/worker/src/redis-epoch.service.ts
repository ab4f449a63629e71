import { AppConfig } from '@app/config';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * Notices when Redis was restarted (its `run_id` changed). Redis here keeps nothing on disk, so a restart loses
 * queued jobs and job schedulers: listeners put them back (pending deliveries are enqueued again — same job ids,
 * so nothing is duplicated — and schedulers are upserted again). PostgreSQL stays the truth throughout.
 */
@Injectable()
export class RedisEpoch implements OnModuleDestroy {
  private readonly logger = new Logger(RedisEpoch.name);
  private readonly redis: Redis;
  private runId?: string;
  private readonly listeners: (() => Promise<unknown>)[] = [];

  constructor(config: AppConfig) {
    this.redis = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 1000,
      retryStrategy: (n) => Math.min(n * 250, 2000),
    });
    this.redis.on('error', () => undefined); // the caller sees failures as rejected commands
  }

  onRestart(listener: () => Promise<unknown>): void {
    this.listeners.push(listener);
  }

  /** Reads run_id; on a change after the first reading, runs every listener. Throws while Redis is down. */
  async check(): Promise<boolean> {
    if (this.redis.status === 'wait') await this.redis.connect();
    const info = await this.redis.info('server');
    const runId = /run_id:(\w+)/.exec(info)?.[1];
    if (!runId) return false;
    const previous = this.runId;
    this.runId = runId;
    if (previous === undefined || previous === runId) return false;
    this.logger.warn({ previous, runId }, 'Redis was restarted: restoring queued deliveries and schedulers');
    for (const listener of this.listeners) await listener();
    return true;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
