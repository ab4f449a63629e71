import { ScopePolicy } from '@app/auth';
import { CasesModule } from '@app/cases';
import { CalendarModule } from '@app/calendar';
import { DeadlineModule } from '@app/notifications';
import { RegionsModule } from '@app/regions';
import { Module } from '@nestjs/common';
import { ComplaintDuplicateFinder } from './complaint-duplicates';
import { ComplaintFollowUpService } from './complaint-follow-up.service';
import { ComplaintHooks } from './complaint-hooks';
import { ComplaintNotifier } from './complaint-notices';
import { ComplaintPersonalDataService } from './complaint-personal-data.service';
import { ComplaintStore } from './complaint-store';
import { ComplaintDeadlineSource } from './complaint-deadline.source';
import { ComplaintImportService } from './import/complaint-import.service';
import { ComplaintService } from './complaint.service';
import { ComplaintWriter } from './complaint-writer';

/** 12330 intake for the API. Needs ConfigModule, DatabaseModule, AuditModule and OutboxModule in the application. */
@Module({
  imports: [CalendarModule, RegionsModule, CasesModule],
  providers: [
    ScopePolicy,
    ComplaintHooks,
    ComplaintStore,
    ComplaintNotifier,
    ComplaintWriter,
    ComplaintService,
    ComplaintFollowUpService,
    ComplaintDuplicateFinder,
    ComplaintImportService,
    ComplaintPersonalDataService,
  ],
  exports: [
    ComplaintHooks,
    ComplaintNotifier,
    ComplaintService,
    ComplaintFollowUpService,
    ComplaintDuplicateFinder,
    ComplaintStore,
    ComplaintImportService,
    ComplaintPersonalDataService,
  ],
})
export class IntakeModule {}

/** Complaints awaiting acceptance, for the worker's deadline sweep. */
@Module({
  imports: [DeadlineModule],
  providers: [ComplaintDeadlineSource],
})
export class ComplaintDeadlinesModule {}
