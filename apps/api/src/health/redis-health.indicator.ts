import { AppConfig } from '@app/config';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';

/** Pings Redis with a short timeout; never queues commands while Redis is down. */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    this.redis = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      retryStrategy: (n) => Math.min(n * 500, 5000),
    });
    this.redis.on('error', () => undefined);
  }

  async check(key = 'redis') {
    const indicator = this.health.check(key);
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      const pong = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout after 1000 ms')), 1000)),
      ]);
      return pong === 'PONG' ? indicator.up() : indicator.down({ message: String(pong) });
    } catch (e) {
      return indicator.down({ message: e instanceof Error ? e.message : String(e) });
    }
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
