import { QueueStatsService } from '@app/notifications';
import { StatsProjector } from '@app/stats';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

/**
 * Reports the background pipelines: jobs per queue, undispatched outbox rows and the age of the oldest, and the
 * statistics change log not yet projected (counted up to 10,001) and its oldest change's age. A backlog is reported,
 * not failed on — it is the worker's problem, and taking the API out of a load balancer would not help.
 */
@Injectable()
export class QueuesHealthIndicator {
  constructor(
    private readonly stats: QueueStatsService,
    private readonly projector: StatsProjector,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'queues') {
    const [s, statistics] = await Promise.all([this.stats.snapshot(), this.projector.backlog()]);
    const depth = Object.fromEntries((s.queues ?? []).map((q) => [q.name, q.waiting + q.active + q.delayed]));
    return this.health.check(key).up({
      outboxPending: s.outbox.pending,
      outboxOldestAgeSeconds: s.outbox.oldestAgeSeconds,
      deliveriesPending: s.deliveries.pending,
      depth: s.queues ? depth : null,
      statsPending: statistics.pending,
      statsOldestAgeSeconds: statistics.oldestAgeSeconds,
      ...(s.redisError ? { redisError: s.redisError } : {}),
    });
  }
}
