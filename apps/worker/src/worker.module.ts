import { AuditModule } from '@app/audit';
import { CaseDeadlinesModule } from '@app/cases';
import { ComplaintDeadlinesModule } from '@app/intake';
import { ReferralDeadlinesModule } from '@app/referrals';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggerModule } from '@app/observability';
import { OutboxModule } from '@app/outbox';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AuditWorkerModule } from './audit/audit-worker.module';
import { CreditWorkerModule } from './credit/credit-worker.module';
import { DeadlineWorkerModule } from './notifications/deadline-worker.module';
import { NotificationsWorkerModule } from './notifications/notifications-worker.module';
import { RedisEpochModule } from './redis-epoch.module';
import { StatsWorkerModule } from './stats/stats-worker.module';

/** The worker: BullMQ processors and schedulers, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forConfig(config),
        LoggerModule,
        DatabaseModule,
        AuditModule,
        OutboxModule,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (c: AppConfig) => ({
            connection: { url: c.REDIS_URL, maxRetriesPerRequest: null },
            prefix: c.QUEUE_PREFIX,
          }),
        }),
        RedisEpochModule,
        AuditWorkerModule,
        NotificationsWorkerModule,
        DeadlineWorkerModule,
        CaseDeadlinesModule,
        ComplaintDeadlinesModule,
        ReferralDeadlinesModule,
        CreditWorkerModule,
        StatsWorkerModule,
      ],
    };
  }
}
