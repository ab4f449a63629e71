import { RedisEpoch } from '../redis-epoch.service';
import { DeadlineSettings, DeadlineSweeper } from '@app/notifications';
import { JobName, JobPayloads, QueueName } from '@app/outbox';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap, Optional } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { CRASH_RECOVERY, keepScheduled } from '../schedules';

/** Id of the BullMQ job scheduler: one per Redis prefix however many workers upsert it. */
export const DEADLINE_SWEEP_SCHEDULER_ID = 'deadline-sweep';

export type DeadlineJob = Job<JobPayloads[JobName.DeadlineSweep], 'done' | 'skipped', string>;

/**
 * Runs the deadline sweep every DEADLINE_SWEEP_MINUTES (design.md rule 3). The schedule is a BullMQ job scheduler,
 * so N workers do not multiply it; the sweep also takes a PostgreSQL advisory lock, so a manual run and the
 * scheduled one never overlap ('skipped' then). Errors propagate so BullMQ retries with backoff; a retry is
 * harmless because every notice is recorded once in deadline_notices.
 *
 * The scheduler is upserted on application bootstrap, after every module's init: contexts register their
 * DeadlineSource on module init, so the first sweep already sees them all.
 */
@Processor(QueueName.Deadlines, CRASH_RECOVERY)
export class DeadlineSweepProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly sweeper: DeadlineSweeper,
    private readonly settings: DeadlineSettings,
    @InjectQueue(QueueName.Deadlines) private readonly queue: Queue,
    @Optional() private readonly epoch?: RedisEpoch,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await keepScheduled(
      this.queue,
      {
        id: DEADLINE_SWEEP_SCHEDULER_ID,
        everyMinutes: this.settings.sweepMinutes,
        job: JobName.DeadlineSweep,
        attempts: 3,
        backoffMs: 30_000,
      },
      this.epoch,
    );
  }

  async process(job: DeadlineJob): Promise<'done' | 'skipped'> {
    switch (job.name) {
      case JobName.DeadlineSweep: {
        // The sweeper logs its counts.
        const result = await this.sweeper.sweep();
        return result.ran ? 'done' : 'skipped';
      }
      default:
        throw new Error(`No handler for job "${job.name}" on the ${QueueName.Deadlines} queue`);
    }
  }
}
