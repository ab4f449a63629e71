import { DeliveryService } from '@app/notifications';
import { JobName, JobPayloads, QueueName } from '@app/outbox';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';

/**
 * One processor per channel queue, all the same: the job carries a delivery id, the database is the truth.
 * A retryable failure is thrown so BullMQ retries with backoff; a permanent one (or the last try) is thrown as
 * UnrecoverableError after the delivery was marked dead — it is then listed under /dead-letters.
 */
@Injectable() // emits the constructor's parameter types, which the decorated subclasses inherit for DI
abstract class DeliveryProcessor extends WorkerHost {
  constructor(private readonly deliveries: DeliveryService) {
    super();
  }

  async process(
    job: Job<JobPayloads[JobName.Deliver] | JobPayloads[JobName.DeliverBatch]>,
  ): Promise<'done' | 'skipped'> {
    const attempt = job.attemptsMade + 1;
    const last = attempt >= (job.opts.attempts ?? 1);
    if (job.name === JobName.DeliverBatch) {
      const outcome = await this.deliveries.deliverBatch(
        (job.data as JobPayloads[JobName.DeliverBatch]).deliveryIds,
        attempt,
        last,
      );
      if (!outcome.failed) return outcome.delivered || outcome.dead ? 'done' : 'skipped';
      throw outcome.failed.final
        ? new UnrecoverableError(outcome.failed.error)
        : new Error(outcome.failed.error);
    }
    if (job.name !== JobName.Deliver) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { deliveryId } = job.data as JobPayloads[JobName.Deliver];
    const outcome = await this.deliveries.deliver(deliveryId, attempt, last);
    switch (outcome.kind) {
      case 'delivered':
        return 'done';
      case 'skipped':
        return 'skipped';
      case 'retry':
        throw new Error(outcome.error);
      case 'dead':
        throw new UnrecoverableError(outcome.error);
    }
  }
}

/**
 * A job whose worker died (SIGKILL, power loss) is taken up again once its lock lapses: 20 s locks (renewed every
 * 10 s while a job runs; the slowest sender gives up after 10 s) and a stalled check every 5 s.
 */
const RECOVERY = { lockDuration: 20_000, stalledInterval: 5_000 };

@Processor(QueueName.NotifyInbox, { concurrency: 16, ...RECOVERY })
export class InboxDeliveryProcessor extends DeliveryProcessor {}

@Processor(QueueName.NotifyEmail, { concurrency: 4, ...RECOVERY })
export class EmailDeliveryProcessor extends DeliveryProcessor {}

@Processor(QueueName.NotifyWebhook, { concurrency: 8, ...RECOVERY })
export class WebhookDeliveryProcessor extends DeliveryProcessor {}

@Processor(QueueName.NotifySms, { concurrency: 4, ...RECOVERY })
export class SmsDeliveryProcessor extends DeliveryProcessor {}

export const DELIVERY_PROCESSORS = [
  InboxDeliveryProcessor,
  EmailDeliveryProcessor,
  WebhookDeliveryProcessor,
  SmsDeliveryProcessor,
];
