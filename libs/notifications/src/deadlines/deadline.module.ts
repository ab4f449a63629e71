import { CalendarModule } from '@app/calendar';
import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { DeadlineNoticeEmitter } from './deadline-notice.emitter';
import { DeadlineNoticeRepository } from './deadline-notice.repository';
import { DeadlineSourceRegistry } from './deadline-source.registry';
import { DeadlineSettings } from './deadline.settings';
import { DeadlineSweeper } from './deadline.sweeper';

/**
 * Deadline sweeps (design.md rule 3). Contexts import this module to register their DeadlineSource; the worker
 * schedules DeadlineSweeper.sweep. Needs DatabaseModule, AuditModule and OutboxModule (global) in the application.
 */
@Module({
  imports: [CalendarModule],
  providers: [
    DeadlineSourceRegistry,
    {
      provide: DeadlineSettings,
      inject: [AppConfig],
      useFactory: (c: AppConfig) =>
        DeadlineSettings.of({
          dueSoonWorkingDays: c.DEADLINE_DUE_SOON_WORKING_DAYS,
          escalateAfterWorkingDays: c.DEADLINE_ESCALATE_AFTER_WORKING_DAYS,
          sweepMinutes: c.DEADLINE_SWEEP_MINUTES,
        }),
    },
    DeadlineNoticeRepository,
    DeadlineNoticeEmitter,
    DeadlineSweeper,
  ],
  exports: [DeadlineSourceRegistry, DeadlineSettings, DeadlineSweeper],
})
export class DeadlineModule {}
