import { AuditModule } from '@app/audit';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import {
  DeadlineModule,
  DeadlineSettings,
  DeadlineSourceRegistry,
  type DeadlineSource,
  type DeadlineWindow,
  type TrackedDeadline,
} from '@app/notifications';
import { JobName, OutboxModule, QueueName } from '@app/outbox';
import { createTestDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from '@app/testing';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue, QueueEvents } from 'bullmq';
import { DEADLINE_SWEEP_SCHEDULER_ID } from './deadline-sweep.processor';
import { DeadlineWorkerModule } from './deadline-worker.module';

/** One overdue item, registered the way a context registers its source: on module init. */
@Injectable()
class OverdueCasesSource implements DeadlineSource, OnModuleInit {
  readonly name = 'test-cases';
  static readonly item: TrackedDeadline = {
    itemId: 'case-1',
    deadlineKey: 'closing',
    dueAt: new Date(Date.now() - 60 * 60_000),
    officeId: 'f91e81a5-a026-4235-b4e7-a63645e9c76a',
    regionCode: '330102',
    assignees: ['0a545302-f2eb-44cc-a555-532c31294d21'],
    title: { zh: '案件 浙杭知执〔2026〕1号 结案', en: 'Case 浙杭知执〔2026〕1号 closing' },
  };

  constructor(private readonly registry: DeadlineSourceRegistry) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async *openItems(window: DeadlineWindow) {
    if (OverdueCasesSource.item.dueAt < window.dueBefore) yield OverdueCasesSource.item;
  }
}

describe('DeadlineSweepProcessor (PostgreSQL + Redis)', () => {
  const prefix = uniqueName('ipe_t_q');
  let db: TestDatabase;
  const apps: TestingModule[] = [];
  let queueEvents: QueueEvents;

  const startWorker = async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }),
        DatabaseModule,
        AuditModule,
        OutboxModule,
        BullModule.forRoot({
          connection: { url: TEST_REDIS_URL, maxRetriesPerRequest: null },
          prefix,
        }),
        DeadlineModule,
        DeadlineWorkerModule,
      ],
      providers: [OverdueCasesSource],
    })
      .overrideProvider(DeadlineSettings)
      .useValue(DeadlineSettings.of({ sweepMinutes: 7 }))
      .compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    apps.push(moduleRef);
    return moduleRef;
  };

  const outboxRows = () =>
    db.sql(`SELECT topic FROM outbox WHERE payload -> 'data' ->> 'itemId' = 'case-1' ORDER BY id`);

  beforeAll(async () => {
    db = await createTestDatabase();
    queueEvents = new QueueEvents(QueueName.Deadlines, { connection: { url: TEST_REDIS_URL }, prefix });
    await queueEvents.waitUntilReady();
  });

  afterAll(async () => {
    const queue = apps[0]?.get<Queue>(getQueueToken(QueueName.Deadlines));
    await queue?.obliterate({ force: true });
    for (const app of apps) await app.close();
    await queueEvents?.close();
    await db?.drop();
  });

  it('registers one job scheduler, however many workers start', async () => {
    const first = await startWorker();
    await startWorker();
    const queue = first.get<Queue>(getQueueToken(QueueName.Deadlines));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      key: DEADLINE_SWEEP_SCHEDULER_ID,
      name: JobName.DeadlineSweep,
      every: 7 * 60_000,
    });
  });

  it('sweeps when the job runs: the overdue notice is written once, however many runs', async () => {
    const queue = apps[0].get<Queue>(getQueueToken(QueueName.Deadlines));
    const jobs = await Promise.all([
      queue.add(JobName.DeadlineSweep, {}),
      queue.add(JobName.DeadlineSweep, {}),
    ]);
    // 'done', or 'skipped' when another sweep (the scheduler's first run, the other worker) held the lock.
    for (const job of jobs) {
      expect(['done', 'skipped']).toContain(await job.waitUntilFinished(queueEvents, 15_000));
    }
    // The scheduler's first run may still hold the lock (its first calendar load takes a moment): let it finish.
    for (let i = 0; i < 200 && (await queue.getActiveCount()) > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    const last = await queue.add(JobName.DeadlineSweep, {});
    expect(await last.waitUntilFinished(queueEvents, 15_000)).toBe('done');
    expect(await outboxRows()).toEqual([{ topic: 'deadline.overdue' }]);
    expect(
      await db.sql(
        `SELECT source, item_id, deadline_key, kind FROM deadline_notices WHERE item_id = 'case-1'`,
      ),
    ).toEqual([{ source: 'test-cases', item_id: 'case-1', deadline_key: 'closing', kind: 'overdue' }]);
  });

  it('fails (for BullMQ to retry or dead-letter) a job it has no handler for', async () => {
    const queue = apps[0].get<Queue>(getQueueToken(QueueName.Deadlines));
    const job = await queue.add('no.such.job', {});
    await expect(job.waitUntilFinished(queueEvents, 15_000)).rejects.toThrow(
      /No handler for job "no.such.job"/,
    );
  });
});
