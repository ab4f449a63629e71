import { AppConfig } from '@app/config';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One hit of a client against one limit, atomically: KEYS[1] counts the hits of the window (expiring with it), KEYS[2]
 * marks a client blocked for the block duration once it went over the limit. Answers hits, ms until the window
 * ends, blocked (0/1) and ms until the block ends.
 */
const HIT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or ARGV[2]) , redis.call('PTTL', KEYS[1]), 1, blocked}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  local block = tonumber(ARGV[3])
  if block > 0 then
    redis.call('SET', KEYS[2], '1', 'PX', block)
    return {hits, left, 1, block}
  end
  return {hits, left, 1, left}
end
return {hits, left, 0, 0}`;

/** How long a hit may wait for Redis before the process counts it alone. */
const REDIS_TIMEOUT_MS = 500;

/**
 * The rate limits' counters (sign-in, the public complaint form) in Redis, so every API process behind the load
 * balancer counts the same hits: with the throttler's default in-process counters, N processes let a client through
 * N times the limit. Keys live under QUEUE_PREFIX (environments sharing a Redis stay apart). While Redis does not
 * answer, each process counts on its own (the limit is then per process, as before) rather than refuse sign-ins.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis;
  private readonly local = new ThrottlerStorageService();
  private readonly prefix: string;
  private warnedAt = 0;

  constructor(config: AppConfig) {
    this.prefix = `${config.QUEUE_PREFIX}:throttle`;
    this.redis = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      retryStrategy: (n) => Math.min(n * 500, 5000),
    });
    this.redis.on('error', () => undefined); // a failed hit falls back to the local count
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      const base = `${this.prefix}:${throttlerName}:${key}`;
      const [hits, left, blocked, blockLeft] = (await withTimeout(
        this.redis.eval(HIT, 2, base, `${base}:blocked`, ttl, limit, blockDuration),
      )) as number[];
      return {
        totalHits: hits,
        timeToExpire: Math.max(0, Math.ceil(left / 1000)),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.max(0, Math.ceil(blockLeft / 1000)),
      };
    } catch (e) {
      if (Date.now() - this.warnedAt > 60_000) {
        this.warnedAt = Date.now();
        this.logger.warn(
          `rate limits counted per process: Redis did not answer (${e instanceof Error ? e.message : String(e)})`,
        );
      }
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.redis.disconnect();
  }
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timeout after ${REDIS_TIMEOUT_MS} ms`)), REDIS_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}
