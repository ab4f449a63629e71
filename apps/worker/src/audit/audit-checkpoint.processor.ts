import { RedisEpoch } from '../redis-epoch.service';
import { AuditCheckpointService } from '@app/audit';
import { AppConfig } from '@app/config';
import { JobName, JobPayloads, QueueName } from '@app/outbox';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit, Optional } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { CRASH_RECOVERY, keepScheduled } from '../schedules';

/** Id of the BullMQ job scheduler: one per Redis prefix however many workers upsert it. */
export const AUDIT_CHECKPOINT_SCHEDULER_ID = 'audit-checkpoint';

export type MaintenanceJob = Job<JobPayloads[JobName.AuditCheckpoint], 'done' | 'skipped', string>;

/**
 * Seals the audit stream heads every AUDIT_CHECKPOINT_MINUTES (design.md rule 5). The schedule is a BullMQ job
 * scheduler, so N workers neither multiply nor race it (and sealing itself takes an advisory lock besides).
 * Errors propagate so BullMQ retries with backoff.
 *
 * This is the only processor of the maintenance queue: a second @Processor on the same queue would receive
 * this queue's jobs too. Further maintenance jobs are added to the switch below.
 */
@Processor(QueueName.Maintenance, CRASH_RECOVERY)
export class AuditCheckpointProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(AuditCheckpointProcessor.name);

  constructor(
    private readonly checkpoints: AuditCheckpointService,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
    private readonly config: AppConfig,
    @Optional() private readonly epoch?: RedisEpoch,
  ) {
    super();
  }

  async onModuleInit(): Promise<void> {
    await keepScheduled(
      this.queue,
      {
        id: AUDIT_CHECKPOINT_SCHEDULER_ID,
        everyMinutes: this.config.AUDIT_CHECKPOINT_MINUTES,
        job: JobName.AuditCheckpoint,
        attempts: 5,
        backoffMs: 10_000,
      },
      this.epoch,
    );
  }

  async process(job: MaintenanceJob): Promise<'done' | 'skipped'> {
    switch (job.name) {
      case JobName.AuditCheckpoint: {
        const checkpoint = await this.checkpoints.seal();
        if (!checkpoint) return 'skipped';
        this.logger.log(
          `audit checkpoint ${checkpoint.id} sealed ${Object.keys(checkpoint.heads).length} stream(s) up to event ${checkpoint.upToEventId}`,
        );
        return 'done';
      }
      default:
        throw new Error(`No handler for job "${job.name}" on the ${QueueName.Maintenance} queue`);
    }
  }
}
