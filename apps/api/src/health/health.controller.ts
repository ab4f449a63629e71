import { Public } from '@app/auth';
import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { QueuesHealthIndicator } from './queues-health.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';

@ApiTags('health')
@Controller({ path: 'health' })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queues: QueuesHealthIndicator,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** 200 when PostgreSQL and Redis answer, 503 naming the one that does not. */
  @Public()
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 1500 }),
      () => this.redis.check('redis'),
      // The backlog is read from PostgreSQL: with the database down it cannot be read, which the postgres check
      // already reports — it must not turn the whole answer into an error without the per-service details.
      () => this.queues.check('queues').catch((e: unknown) => this.unknown('queues', e)),
    ]);
  }

  private unknown(key: string, e: unknown) {
    return this.indicators.check(key).down({ message: e instanceof Error ? e.message : String(e) });
  }
}
