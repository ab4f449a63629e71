import { DeliveryService } from '@app/notifications';
import { JobName, JobPayloads, QueueName } from '@app/outbox';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';

/**
 * One processor per channel queue, all the same: the job carries a delivery id, the database is the truth.
 * A retryable failure is thrown so BullMQ retries with backoff; a permanent one (or the last try) is thrown as
 * UnrecoverableError after the delivery was marked dead — it is then listed under /dead-letters.
 */
abstract class DeliveryProcessor extends WorkerHost {
  constructor(private readonly deliveries: DeliveryService) {
    super();
  }

  async process(job: Job<JobPayloads[JobName.Deliver]>): Promise<'done' | 'skipped'> {
    if (job.name !== JobName.Deliver) throw new UnrecoverableError(`unknown job ${job.name}`);
    const attempt = job.attemptsMade + 1;
    const outcome = await this.deliveries.deliver(
      job.data.deliveryId,
      attempt,
      attempt >= (job.opts.attempts ?? 1),
    );
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

@Processor(QueueName.NotifyInbox, { concurrency: 16 })
export class InboxDeliveryProcessor extends DeliveryProcessor {}

@Processor(QueueName.NotifyEmail, { concurrency: 4 })
export class EmailDeliveryProcessor extends DeliveryProcessor {}

@Processor(QueueName.NotifyWebhook, { concurrency: 8 })
export class WebhookDeliveryProcessor extends DeliveryProcessor {}

@Processor(QueueName.NotifySms, { concurrency: 4 })
export class SmsDeliveryProcessor extends DeliveryProcessor {}

export const DELIVERY_PROCESSORS = [
  InboxDeliveryProcessor,
  EmailDeliveryProcessor,
  WebhookDeliveryProcessor,
  SmsDeliveryProcessor,
];
