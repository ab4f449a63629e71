import { CalendarModule } from '@app/calendar';
import { CasesModule } from '@app/cases';
import { DeadlineModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { ReferralDeadlineSource } from './referral-deadline.source';
import { ReferralService } from './referral.service';

/**
 * Cross-region referral and joint enforcement (issue 6) for the API. Needs ConfigModule, DatabaseModule, AuditModule
 * and OutboxModule in the application.
 */
@Module({
  imports: [CalendarModule, CasesModule],
  providers: [ReferralService],
  exports: [ReferralService],
})
export class ReferralsModule {}

/** Referral clocks for the worker's deadline sweep (registers the 'referrals' DeadlineSource). */
@Module({
  imports: [DeadlineModule],
  providers: [ReferralDeadlineSource],
})
export class ReferralDeadlinesModule {}
