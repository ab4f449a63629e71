import { AuditModule } from '@app/audit';
import { AuthModule, JwtAuthGuard, RolesGuard } from '@app/auth';
import { CalendarModule } from '@app/calendar';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggerModule } from '@app/observability';
import { OutboxModule } from '@app/outbox';
import { RegionsModule } from '@app/regions';
import { InboxStreamModule, NotificationQueuesModule, NotificationsModule } from '@app/notifications';
import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { StatsModule } from '@app/stats';
import { AuditHttpModule } from './audit/audit-http.module';
import { AuthController } from './auth/auth.controller';
import { CalendarHttpModule } from './calendar/calendar-http.module';
import { CasesHttpModule } from './cases/cases-http.module';
import { IntakeHttpModule } from './intake/intake-http.module';
import { ReferralsHttpModule } from './referrals/referrals-http.module';
import { CreditHttpModule } from './credit/credit-http.module';
import { StatsHttpModule } from './stats/stats-http.module';
import { HealthController } from './health/health.controller';
import { QueuesHealthIndicator } from './health/queues-health.indicator';
import { IdentifiersController } from './identifiers/identifiers.controller';
import { RedisHealthIndicator } from './health/redis-health.indicator';
import { RedisThrottlerStorage } from './http/redis-throttler-storage';
import { RegionsHttpModule } from './regions/regions-http.module';
import { DeadLettersController } from './notifications/dead-letters.controller';
import { InboxController } from './notifications/inbox.controller';
import { NotificationPreferencesController } from './notifications/preferences.controller';
import { QueuesController } from './notifications/queues.controller';
import { TestNotificationsController } from './notifications/test-notifications.controller';
import { WebhooksController } from './notifications/webhooks.controller';
import { UsersController } from './users/users.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forConfig(config),
        LoggerModule,
        DatabaseModule,
        AuditModule,
        OutboxModule,
        AuthModule,
        RegionsModule,
        CalendarModule,
        NotificationsModule,
        // /health reports the statistics change log's backlog.
        StatsModule,
        // The API reads queue depth for /health and the admin queue page; it never enqueues (the worker does).
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (c: AppConfig) => ({
            connection: { url: c.REDIS_URL, enableOfflineQueue: false },
            prefix: c.QUEUE_PREFIX,
          }),
        }),
        NotificationQueuesModule,
        InboxStreamModule,
        TerminusModule,
        // Only sign-in ('default') and the public complaint form ('public') use the ThrottlerGuard (per client IP);
        // each skips the other's limit. Counted in Redis, so the limit holds across API processes.
        ThrottlerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            throttlers: [
              { name: 'default', ttl: 60_000, limit: config.LOGIN_RATE_PER_MINUTE },
              { name: 'public', ttl: 60_000, limit: config.PUBLIC_COMPLAINT_RATE_PER_MINUTE },
            ],
            storage: new RedisThrottlerStorage(config),
          }),
        }),
        AuditHttpModule,
        RegionsHttpModule,
        CalendarHttpModule,
        CasesHttpModule,
        IntakeHttpModule,
        ReferralsHttpModule,
        CreditHttpModule,
        StatsHttpModule,
      ],
      controllers: [
        AuthController,
        UsersController,
        HealthController,
        IdentifiersController,
        DeadLettersController,
        QueuesController,
        TestNotificationsController,
        WebhooksController,
        InboxController,
        NotificationPreferencesController,
      ],
      providers: [
        RedisHealthIndicator,
        QueuesHealthIndicator,
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useExisting: RolesGuard },
      ],
    };
  }
}
