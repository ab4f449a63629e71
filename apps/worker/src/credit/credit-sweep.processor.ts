import { RedisEpoch } from '../redis-epoch.service';
import { AppConfig } from '@app/config';
import { CreditListingService, DecisionPublicationService } from '@app/credit';
import { JobName, JobPayloads, QueueName } from '@app/outbox';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit, Optional } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { CRASH_RECOVERY, keepScheduled } from '../schedules';

/** Id of the BullMQ job scheduler: one per Redis prefix however many workers upsert it. */
export const CREDIT_SWEEP_SCHEDULER_ID = 'credit-sweep';

/**
 * Runs the credit sweep every CREDIT_SWEEP_MINUTES: defence windows that ended lapse (the listing awaits review)
 * and published listings whose period ended are removed and reported on the public feed. A BullMQ job scheduler,
 * so N workers neither multiply nor race it; rows are locked SKIP LOCKED, so two sweeps never take one listing.
 */
@Processor(QueueName.Credit, CRASH_RECOVERY)
export class CreditSweepProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(CreditSweepProcessor.name);

  constructor(
    private readonly listings: CreditListingService,
    private readonly publications: DecisionPublicationService,
    @InjectQueue(QueueName.Credit) private readonly queue: Queue,
    private readonly config: AppConfig,
    @Optional() private readonly epoch?: RedisEpoch,
  ) {
    super();
  }

  async onModuleInit(): Promise<void> {
    await keepScheduled(
      this.queue,
      {
        id: CREDIT_SWEEP_SCHEDULER_ID,
        everyMinutes: this.config.CREDIT_SWEEP_MINUTES,
        job: JobName.CreditSweep,
        attempts: 5,
        backoffMs: 10_000,
      },
      this.epoch,
    );
  }

  async process(
    job: Job<JobPayloads[JobName.CreditSweep]>,
  ): Promise<{ lapsed: number; expired: number; publicationsEnded: number }> {
    if (job.name !== JobName.CreditSweep) {
      throw new Error(`No handler for job "${job.name}" on the ${QueueName.Credit} queue`);
    }
    const now = new Date();
    const result = {
      ...(await this.listings.sweep(now)),
      publicationsEnded: await this.publications.sweep(now),
    };
    if (result.lapsed || result.expired || result.publicationsEnded) {
      this.logger.log(
        `credit sweep: ${result.lapsed} defence window(s) lapsed, ${result.expired} listing(s) expired, ${result.publicationsEnded} publication(s) ended`,
      );
    }
    return result;
  }
}
