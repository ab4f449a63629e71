import { AuditModule } from '@app/audit';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { JobName, OutboxModule, QueueName } from '@app/outbox';
import { createTestDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from '@app/testing';
import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Test, TestingModule } from '@nestjs/testing';
import { Queue, QueueEvents } from 'bullmq';
import { CREDIT_SWEEP_SCHEDULER_ID } from './credit-sweep.processor';
import { CreditWorkerModule } from './credit-worker.module';

describe('CreditSweepProcessor (PostgreSQL + Redis)', () => {
  const prefix = uniqueName('ipe_t_q');
  let db: TestDatabase;
  let app: TestingModule;
  let queueEvents: QueueEvents;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', CREDIT_SWEEP_MINUTES: '11' }),
        DatabaseModule,
        AuditModule,
        OutboxModule,
        BullModule.forRoot({ connection: { url: TEST_REDIS_URL, maxRetriesPerRequest: null }, prefix }),
        CreditWorkerModule,
      ],
    }).compile();
    app.useLogger(false);
    await app.init();
    queueEvents = new QueueEvents(QueueName.Credit, { connection: { url: TEST_REDIS_URL }, prefix });
    await queueEvents.waitUntilReady();
  });

  afterAll(async () => {
    await app?.get<Queue>(getQueueToken(QueueName.Credit)).obliterate({ force: true });
    await app?.close();
    await queueEvents?.close();
    await db?.drop();
  });

  it('schedules the sweep, which removes a listing whose period ended and reports it on the feed', async () => {
    const queue = app.get<Queue>(getQueueToken(QueueName.Credit));
    expect(await queue.getJobSchedulers()).toEqual([
      expect.objectContaining({
        key: CREDIT_SWEEP_SCHEDULER_ID,
        name: JobName.CreditSweep,
        every: 11 * 60_000,
      }),
    ]);
    const [{ id }] = await db.sql(
      `INSERT INTO credit_listings (listing_no, state, ground, regime, legal_basis, facts, decision_no, decision_date,
                                    office_id, region_code, subject_kind, subject_name, subject_uscc, proposed_by,
                                    publish_from, publish_until, published_at)
       SELECT 'XYT000000001', 'published', 'heavy_fine', 'samr_serious', '第九条', '—', '杭知执罚决〔2023〕1号',
              date '2023-01-01', o.id, o.region_code, 'enterprise', '杭州某某有限公司', '91330106MA2CFXX47J', u.id,
              date '2023-01-02', date '2026-01-01', now()
         FROM offices o, users u WHERE o.short_name = '杭知执' AND u.username = 'admin'
       RETURNING id`,
    );
    const job = await queue.add(JobName.CreditSweep, {});
    // The scheduler's own first run may have taken it already: either way it is expired once.
    const result = (await job.waitUntilFinished(queueEvents, 15_000)) as { expired: number };
    expect(result.expired).toBeLessThanOrEqual(1);
    expect((await db.sql(`SELECT state FROM credit_listings WHERE id = $1`, [id]))[0].state).toBe('expired');
    const feed = await db.sql(`SELECT change, reason FROM credit_feed WHERE listing_id = $1`, [id]);
    expect(feed).toEqual([{ change: 'removed', reason: 'expired' }]);
  });
});
