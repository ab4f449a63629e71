import { ScopePolicy } from '@app/auth';
import { CalendarModule } from '@app/calendar';
import { DeadlineModule } from '@app/notifications';
import { RegionsModule } from '@app/regions';
import { Module } from '@nestjs/common';
import { ComplaintDuplicateFinder } from './complaint-duplicates';
import { ComplaintDeadlineSource } from './complaint-deadline.source';
import { ComplaintService } from './complaint.service';

/** 12330 intake for the API. Needs ConfigModule, DatabaseModule, AuditModule and OutboxModule in the application. */
@Module({
  imports: [CalendarModule, RegionsModule],
  providers: [ScopePolicy, ComplaintService, ComplaintDuplicateFinder],
  exports: [ComplaintService, ComplaintDuplicateFinder],
})
export class IntakeModule {}

/** Complaints awaiting acceptance, for the worker's deadline sweep. */
@Module({
  imports: [DeadlineModule],
  providers: [ComplaintDeadlineSource],
})
export class ComplaintDeadlinesModule {}
