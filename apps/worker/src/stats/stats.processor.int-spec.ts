import { AuditModule } from '@app/audit';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { JobName, OutboxModule, QueueName } from '@app/outbox';
import { createTestDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from '@app/testing';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue, QueueEvents } from 'bullmq';
import { STATS_PROJECT_SCHEDULER_ID, STATS_RECONCILE_SCHEDULER_ID } from './stats.processor';
import { StatsWorkerModule } from './stats-worker.module';

describe('StatsProcessor (PostgreSQL + Redis)', () => {
  const prefix = uniqueName('ipe_t_q');
  let db: TestDatabase;
  let app: TestingModule;
  let queueEvents: QueueEvents;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          DATABASE_URL: db.url,
          LOG_LEVEL: 'silent',
          STATS_PROJECT_SECONDS: '7',
          STATS_RECONCILE_CRON: '15 3 * * *',
        }),
        DatabaseModule,
        AuditModule,
        OutboxModule,
        BullModule.forRoot({ connection: { url: TEST_REDIS_URL, maxRetriesPerRequest: null }, prefix }),
        StatsWorkerModule,
      ],
    }).compile();
    app.useLogger(false);
    await app.init();
    queueEvents = new QueueEvents(QueueName.Stats, { connection: { url: TEST_REDIS_URL }, prefix });
    await queueEvents.waitUntilReady();
  });

  afterAll(async () => {
    await app?.get<Queue>(getQueueToken(QueueName.Stats)).obliterate({ force: true });
    await app?.close();
    await queueEvents?.close();
    await db?.drop();
  });

  it('schedules the projection and the nightly reconciliation; a projection job counts a new case', async () => {
    const queue = app.get<Queue>(getQueueToken(QueueName.Stats));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: STATS_PROJECT_SCHEDULER_ID,
          name: JobName.StatsProject,
          every: 7_000,
        }),
        expect.objectContaining({
          key: STATS_RECONCILE_SCHEDULER_ID,
          name: JobName.StatsReconcile,
          pattern: '15 3 * * *',
          tz: 'Asia/Shanghai',
        }),
      ]),
    );
    const [{ id }] = await db.sql(
      `INSERT INTO cases (title, ip_type, procedure, source, status, office_id, region_code, province_code, city_code,
                          received_on, filed_on)
       SELECT '调度测试案件', 'trademark', 'penalty_trademark', 'ex_officio', 'investigating', o.id, r.code,
              r.province_code, r.city_code, date '2024-06-03', date '2024-06-05'
         FROM offices o JOIN regions r ON r.code = '330106' WHERE o.short_name = '杭知执' RETURNING id`,
    );
    const job = await queue.add(JobName.StatsProject, {});
    await job.waitUntilFinished(queueEvents, 15_000); // the scheduler's own run may have taken the change first
    expect(await db.sql(`SELECT count(*)::int AS n FROM stats_changes WHERE id = $1`, [id])).toEqual([
      { n: 0 },
    ]);
    expect(
      await db.sql(
        `SELECT cases_received, cases_filed FROM stats_monthly_province
          WHERE province_code = '330000' AND month = '2024-06-01' AND ip_type = 'trademark'`,
      ),
    ).toEqual([{ cases_received: 1, cases_filed: 1 }]);
  });
});
