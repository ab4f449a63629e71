import { JobName } from '@app/outbox';
import type { Queue } from 'bullmq';
import type { RedisEpoch } from './redis-epoch.service';

/**
 * Lock and stall-check settings of the scheduled processors. A job whose worker died (SIGKILL, power loss) stays
 * "active" until its lock lapses and a stall check moves it back; with BullMQ's defaults (30 s lock, 30 s check)
 * a killed worker stopped its queue for up to a minute — the statistics projection did, in the fault suite. Locks are
 * renewed every half lock while a job runs, so long runs (a reconciliation) keep theirs.
 */
export const CRASH_RECOVERY = { lockDuration: 20_000, stalledInterval: 5_000 };

export interface Schedule {
  /** The BullMQ job scheduler's id: one per Redis prefix however many workers upsert it. */
  id: string;
  /** How often: every N minutes or seconds, or a cron pattern in Asia/Shanghai. */
  everyMinutes?: number;
  everySeconds?: number;
  cron?: string;
  job: JobName;
  attempts: number;
  backoffMs: number;
}

/**
 * Keeps a repeating job scheduled: upserts its BullMQ job scheduler now and again after every Redis restart (which
 * loses it). N workers upserting the same id neither multiply nor race it.
 */
export function keepScheduled(queue: Queue, schedule: Schedule, epoch?: RedisEpoch): Promise<unknown> {
  const upsert = () =>
    queue.upsertJobScheduler(
      schedule.id,
      schedule.cron
        ? { pattern: schedule.cron, tz: 'Asia/Shanghai' }
        : {
            every: schedule.everySeconds
              ? schedule.everySeconds * 1000
              : (schedule.everyMinutes ?? 1) * 60_000,
          },
      {
        name: schedule.job,
        data: {},
        opts: {
          attempts: schedule.attempts,
          backoff: { type: 'exponential', delay: schedule.backoffMs },
          removeOnComplete: { count: 100 },
          removeOnFail: { count: 1000 },
        },
      },
    );
  epoch?.onRestart(upsert);
  return upsert();
}
