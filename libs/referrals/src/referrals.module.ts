import { CalendarModule } from '@app/calendar';
import { CasesModule } from '@app/cases';
import { RegionsModule } from '@app/regions';
import { DeadlineModule } from '@app/notifications';
import { IntakeModule } from '@app/intake';
import { Module } from '@nestjs/common';
import { ReferralDeadlineSource } from './referral-deadline.source';
import { ReferralService } from './referral.service';
import { SupervisionDeadlineSource } from './supervision-deadline.source';
import { SupervisionService } from './supervision.service';
import { PartnerService } from './partner.service';

/**
 * Cross-region referral and joint enforcement (issue 6) for the API. Needs ConfigModule, DatabaseModule, AuditModule
 * and OutboxModule in the application.
 */
@Module({
  imports: [CalendarModule, CasesModule, IntakeModule, RegionsModule],
  providers: [ReferralService, PartnerService, SupervisionService],
  exports: [ReferralService, PartnerService, SupervisionService],
})
export class ReferralsModule {}

/**
 * Referral clocks and supervision progress reports for the worker's deadline sweep (registers the 'referrals' and
 * 'supervision' DeadlineSources).
 */
@Module({
  imports: [DeadlineModule],
  providers: [ReferralDeadlineSource, SupervisionDeadlineSource],
})
export class ReferralDeadlinesModule {}
