import { CasesModule } from '@app/cases';
import { OutboxModule } from '@app/outbox';
import { IntakeModule } from '@app/intake';
import { ReferralsModule } from '@app/referrals';
import { CreditModule } from '@app/credit';
import { StatsModule } from '@app/stats';
import { DemoCreditSeeder } from '../demo/demo-credit.seeder';
import { DemoCaseSeeder } from '../demo/demo-cases.seeder';
import { DemoReferralSeeder } from '../demo/demo-referrals.seeder';
import { DemoComplaintSeeder } from '../demo/demo-complaints.seeder';
import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { CalendarModule } from '@app/calendar';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggerModule } from '@app/observability';
import { RegionsModule } from '@app/regions';
import { DynamicModule, Module } from '@nestjs/common';
import { DemoSeeder } from '../demo/demo.seeder';

/** What the command-line tasks (seeding, audit verification) need: no HTTP, no queues. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forConfig(config),
        LoggerModule,
        DatabaseModule,
        AuditModule,
        AuthModule,
        RegionsModule,
        CalendarModule,
        OutboxModule,
        CasesModule,
        IntakeModule,
        ReferralsModule,
        CreditModule,
        StatsModule,
      ],
      providers: [DemoSeeder, DemoCaseSeeder, DemoComplaintSeeder, DemoReferralSeeder, DemoCreditSeeder],
    };
  }
}
