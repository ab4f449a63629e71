import { RedisEpoch } from '../redis-epoch.service';
import { AppConfig } from '@app/config';
import { JobName, QueueName } from '@app/outbox';
import { StatsProjector, StatsReconciler, type ProjectResult, type ReconcileReport } from '@app/stats';
import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit, Optional } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { CRASH_RECOVERY, keepScheduled } from '../schedules';

export const STATS_PROJECT_SCHEDULER_ID = 'stats-project';
export const STATS_RECONCILE_SCHEDULER_ID = 'stats-reconcile';

/**
 * Keeps the statistics current: every STATS_PROJECT_SECONDS the projector drains the change log the source tables'
 * triggers fill (batches taken SKIP LOCKED, so several workers share it), and at STATS_RECONCILE_CRON the
 * reconciliation re-derives everything from source and reports — and with STATS_RECONCILE_REPAIR repairs — any
 * drift. Both are BullMQ job schedulers: one run per interval however many workers there are. The change log is in
 * PostgreSQL, so a Redis outage or a killed worker only delays the projection; nothing is lost.
 */
@Processor(QueueName.Stats, CRASH_RECOVERY)
export class StatsProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(StatsProcessor.name);

  constructor(
    private readonly projector: StatsProjector,
    private readonly reconciler: StatsReconciler,
    @InjectQueue(QueueName.Stats) private readonly queue: Queue,
    private readonly config: AppConfig,
    @Optional() private readonly epoch?: RedisEpoch,
  ) {
    super();
  }

  async onModuleInit(): Promise<void> {
    await keepScheduled(
      this.queue,
      {
        id: STATS_PROJECT_SCHEDULER_ID,
        everySeconds: this.config.STATS_PROJECT_SECONDS,
        job: JobName.StatsProject,
        attempts: 3,
        backoffMs: 1_000,
      },
      this.epoch,
    );
    await keepScheduled(
      this.queue,
      {
        id: STATS_RECONCILE_SCHEDULER_ID,
        cron: this.config.STATS_RECONCILE_CRON,
        job: JobName.StatsReconcile,
        attempts: 3,
        backoffMs: 60_000,
      },
      this.epoch,
    );
  }

  async process(job: Job): Promise<ProjectResult | ReconcileReport> {
    switch (job.name) {
      case JobName.StatsProject: {
        // Bounded per run, so one busy interval cannot hold the queue; the next run continues.
        const r = await this.projector.drain(1000, 50);
        if (r.changes)
          this.logger.debug(`projected ${r.changes} changes (${r.entities} entities, ${r.cells} cells)`);
        return r;
      }
      case JobName.StatsReconcile:
        return this.reconciler.reconcile({ repair: this.config.STATS_RECONCILE_REPAIR });
      default:
        throw new Error(`No handler for job "${job.name}" on the ${QueueName.Stats} queue`);
    }
  }
}
