import { QueueStatsService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';

/**
 * Reports the notification pipeline: jobs per queue, undispatched outbox rows and the age of the oldest. A backlog
 * is reported, not failed on — it is the worker's problem, and taking the API out of a load balancer would not help.
 */
@Injectable()
export class QueuesHealthIndicator {
  constructor(
    private readonly stats: QueueStatsService,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key = 'queues') {
    const s = await this.stats.snapshot();
    const depth = Object.fromEntries((s.queues ?? []).map((q) => [q.name, q.waiting + q.active + q.delayed]));
    return this.health.check(key).up({
      outboxPending: s.outbox.pending,
      outboxOldestAgeSeconds: s.outbox.oldestAgeSeconds,
      deliveriesPending: s.deliveries.pending,
      depth: s.queues ? depth : null,
      ...(s.redisError ? { redisError: s.redisError } : {}),
    });
  }
}
