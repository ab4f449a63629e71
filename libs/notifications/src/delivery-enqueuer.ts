import type { Channel } from '@app/contracts';
import { CHANNEL_QUEUE, JobName, JobPayloads } from '@app/outbox';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { DeliveryRepository } from './delivery.repository';

/** Retry policy of every delivery job: exponential backoff from 2 s, six tries in all (~1 minute). */
export const DELIVERY_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The job id of a delivery: stable (re-adding a queued job is a no-op), new for each manual retry. */
export const deliveryJobId = (id: string, generation: number) =>
  generation ? `d${id}g${generation}` : `d${id}`;

/** Channels whose deliveries are database writes, delivered in chunks of BATCH_SIZE per job. */
export const BATCH_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['inbox']);
export const BATCH_SIZE = 100;

/** A pending delivery untouched this long is assumed lost from Redis and enqueued again (same job id). */
export const STALE_ENQUEUE_SECONDS = 15 * 60;

/**
 * Pushes pending deliveries to their channel's queue. The job id is the delivery id, so adding one that is still
 * queued is a no-op; the rows are locked while they are added and marked enqueued in the same transaction, so two
 * workers do not add the same batch and a Redis failure leaves them pending for the next pass.
 */
@Injectable()
export class DeliveryEnqueuer {
  private readonly queues: Record<Channel, Queue>;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly deliveries: DeliveryRepository,
    @InjectQueue(CHANNEL_QUEUE.inbox) inbox: Queue,
    @InjectQueue(CHANNEL_QUEUE.email) email: Queue,
    @InjectQueue(CHANNEL_QUEUE.webhook) webhook: Queue,
    @InjectQueue(CHANNEL_QUEUE.sms) sms: Queue,
  ) {
    this.queues = { inbox, email, webhook, sms };
  }

  /** Marks every pending delivery for enqueueing again (after a Redis restart, or at worker start). */
  async requeueAll(): Promise<number> {
    return this.txHost.withTransaction(() => this.deliveries.forgetEnqueued());
  }

  /** Enqueues up to `limit` deliveries; returns how many. */
  enqueuePending(limit = 1000): Promise<number> {
    return this.txHost.withTransaction(async () => {
      const rows = await this.deliveries.claimUnqueued(limit, STALE_ENQUEUE_SECONDS);
      if (!rows.length) return 0;
      const byChannel = new Map<Channel, typeof rows>();
      for (const r of rows) byChannel.set(r.channel, [...(byChannel.get(r.channel) ?? []), r]);
      for (const [channel, list] of byChannel) {
        if (BATCH_CHANNELS.has(channel)) {
          // One job per chunk: the channel writes them in one statement. Idempotency stays per delivery (the row
          // lock and status), so a chunk enqueued twice after a Redis restart delivers nothing twice.
          const jobs = [];
          for (let i = 0; i < list.length; i += BATCH_SIZE) {
            const ids = list.slice(i, i + BATCH_SIZE).map((r) => r.id);
            jobs.push({
              name: JobName.DeliverBatch,
              data: { deliveryIds: ids } satisfies JobPayloads[JobName.DeliverBatch],
              opts: { ...DELIVERY_JOB_OPTIONS, jobId: `b${ids[0]}-${ids[ids.length - 1]}-${ids.length}` },
            });
          }
          await this.queues[channel].addBulk(jobs);
          continue;
        }
        await this.queues[channel].addBulk(
          list.map((r) => ({
            name: JobName.Deliver,
            data: { deliveryId: r.id, requestId: r.requestId } satisfies JobPayloads[JobName.Deliver],
            opts: { ...DELIVERY_JOB_OPTIONS, jobId: deliveryJobId(r.id, r.generation) },
          })),
        );
      }
      await this.deliveries.markEnqueued(rows.map((r) => r.id));
      return rows.length;
    });
  }
}
