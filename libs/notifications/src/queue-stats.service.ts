import { OutboxRelay, QueueName } from '@app/outbox';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DeliveryRepository } from './delivery.repository';

export interface QueueCounts {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface QueueSnapshot {
  /** null when Redis did not answer in time. */
  queues: QueueCounts[] | null;
  redisError?: string;
  outbox: { pending: number; oldestAgeSeconds: number | null };
  deliveries: { pending: number; oldestAgeSeconds: number | null };
}

const TIMEOUT_MS = 1000;

/** Queue depth per state, and the PostgreSQL side of the pipeline (what waits before Redis). */
@Injectable()
export class QueueStatsService {
  private readonly logger = new Logger(QueueStatsService.name);
  private readonly queues: Queue[];

  constructor(
    private readonly relay: OutboxRelay,
    private readonly deliveries: DeliveryRepository,
    @InjectQueue(QueueName.NotifyInbox) inbox: Queue,
    @InjectQueue(QueueName.NotifyEmail) email: Queue,
    @InjectQueue(QueueName.NotifyWebhook) webhook: Queue,
    @InjectQueue(QueueName.NotifySms) sms: Queue,
  ) {
    this.queues = [inbox, email, webhook, sms];
    // Without a listener BullMQ writes every failed reconnect to the console (dozens of stack traces a minute while
    // Redis is down). One log line per outage minute is enough: queue figures are what Redis being down costs here.
    for (const q of this.queues) q.on('error', (err: Error) => this.redisDown(err));
  }

  private lastWarning = 0;

  private redisDown(err: Error): void {
    if (Date.now() - this.lastWarning < 60_000) return;
    this.lastWarning = Date.now();
    this.logger.warn({ err: err.message }, 'Redis unreachable: queue depth unknown until it answers again');
  }

  async snapshot(): Promise<QueueSnapshot> {
    const [outbox, deliveries] = await Promise.all([this.relay.backlog(), this.deliveries.backlog()]);
    try {
      const queues = await withTimeout(
        Promise.all(
          this.queues.map(async (q) => {
            const c = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
            return {
              name: q.name,
              waiting: c.waiting ?? 0,
              active: c.active ?? 0,
              delayed: c.delayed ?? 0,
              failed: c.failed ?? 0,
              completed: c.completed ?? 0,
            };
          }),
        ),
        TIMEOUT_MS,
      );
      return { queues, outbox, deliveries };
    } catch (e) {
      return { queues: null, redisError: e instanceof Error ? e.message : String(e), outbox, deliveries };
    }
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms).unref(),
    ),
  ]);
}
