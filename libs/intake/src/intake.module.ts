import { ScopePolicy } from '@app/auth';
import { CalendarModule } from '@app/calendar';
import { Module } from '@nestjs/common';
import { ComplaintService } from './complaint.service';

/** 12330 intake for the API. Needs ConfigModule, DatabaseModule, AuditModule and OutboxModule in the application. */
@Module({
  imports: [CalendarModule],
  providers: [ScopePolicy, ComplaintService],
  exports: [ComplaintService],
})
export class IntakeModule {}
