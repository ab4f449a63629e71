import { AuditModule, AuditWriter } from '@app/audit';
import { ConfigModule } from '@app/config';
import { SYSTEM_ACTOR } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { JobName, QueueName } from '@app/outbox';
import { createTestDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from '@app/testing';
import { Transactional } from '@nestjs-cls/transactional';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue, QueueEvents } from 'bullmq';
import { AUDIT_CHECKPOINT_SCHEDULER_ID } from './audit-checkpoint.processor';
import { AuditWorkerModule } from './audit-worker.module';

@Injectable()
class Commands {
  constructor(private readonly audit: AuditWriter) {}

  @Transactional()
  record(entityId: string) {
    return this.audit.record(SYSTEM_ACTOR, { action: 'case.note', entityType: 'case', entityId });
  }
}

describe('AuditCheckpointProcessor (PostgreSQL + Redis)', () => {
  const prefix = uniqueName('ipe_t_q');
  let db: TestDatabase;
  const apps: TestingModule[] = [];
  let queueEvents: QueueEvents;

  const startWorker = async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', AUDIT_CHECKPOINT_MINUTES: '7' }),
        DatabaseModule,
        AuditModule,
        BullModule.forRoot({ connection: { url: TEST_REDIS_URL, maxRetriesPerRequest: null }, prefix }),
        AuditWorkerModule,
      ],
      providers: [Commands],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    apps.push(moduleRef);
    return moduleRef;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    queueEvents = new QueueEvents(QueueName.Maintenance, { connection: { url: TEST_REDIS_URL }, prefix });
    await queueEvents.waitUntilReady();
  });

  afterAll(async () => {
    const queue = apps[0]?.get<Queue>(getQueueToken(QueueName.Maintenance));
    await queue?.obliterate({ force: true });
    for (const app of apps) await app.close();
    await queueEvents?.close();
    await db?.drop();
  });

  it('registers one job scheduler, however many workers start', async () => {
    const first = await startWorker();
    await startWorker();
    const queue = first.get<Queue>(getQueueToken(QueueName.Maintenance));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      key: AUDIT_CHECKPOINT_SCHEDULER_ID,
      name: JobName.AuditCheckpoint,
      every: 7 * 60_000,
    });
  });

  it('seals the audit heads when the checkpoint job runs', async () => {
    const app = apps[0];
    const event = await app.get(Commands).record('via-queue');
    const queue = app.get<Queue>(getQueueToken(QueueName.Maintenance));
    const job = await queue.add(JobName.AuditCheckpoint, {});
    // 'done', or 'skipped' when the scheduler's own first run got there first — either way the head is sealed.
    expect(['done', 'skipped']).toContain(await job.waitUntilFinished(queueEvents, 15_000));
    const sealed = await db.sql(
      `SELECT 1 FROM audit_checkpoints WHERE heads -> 'case:via-queue' = jsonb_build_object('seq', 1, 'hash', $1::text)`,
      [event.hash],
    );
    expect(sealed).toHaveLength(1);

    const again = await queue.add(JobName.AuditCheckpoint, {});
    expect(await again.waitUntilFinished(queueEvents, 15_000)).toBe('skipped');
  });

  it('fails (for BullMQ to retry or dead-letter) a job it has no handler for', async () => {
    const queue = apps[0].get<Queue>(getQueueToken(QueueName.Maintenance));
    const job = await queue.add('no.such.job', {});
    await expect(job.waitUntilFinished(queueEvents, 15_000)).rejects.toThrow(
      /No handler for job "no.such.job"/,
    );
  });
});
