import { AuditModule } from '@app/audit';
import { AuthModule, JwtAuthGuard, RolesGuard } from '@app/auth';
import { CalendarModule } from '@app/calendar';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggerModule } from '@app/observability';
import { OutboxModule } from '@app/outbox';
import { RegionsModule } from '@app/regions';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditHttpModule } from './audit/audit-http.module';
import { AuthController } from './auth/auth.controller';
import { CalendarHttpModule } from './calendar/calendar-http.module';
import { HealthController } from './health/health.controller';
import { IdentifiersController } from './identifiers/identifiers.controller';
import { RedisHealthIndicator } from './health/redis-health.indicator';
import { RegionsHttpModule } from './regions/regions-http.module';
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
        TerminusModule,
        // Only the sign-in endpoints use the ThrottlerGuard (per client IP).
        ThrottlerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => [{ ttl: 60_000, limit: config.LOGIN_RATE_PER_MINUTE }],
        }),
        AuditHttpModule,
        RegionsHttpModule,
        CalendarHttpModule,
      ],
      controllers: [AuthController, UsersController, HealthController, IdentifiersController],
      providers: [
        RedisHealthIndicator,
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useExisting: RolesGuard },
      ],
    };
  }
}
