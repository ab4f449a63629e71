import { Module } from '@nestjs/common';
import { NotificationPreferenceService } from './notification-preference.service';

/** Users' channel choices per topic. Needs DatabaseModule and AuditModule (global) in the application. */
@Module({ providers: [NotificationPreferenceService], exports: [NotificationPreferenceService] })
export class NotificationPreferencesModule {}
