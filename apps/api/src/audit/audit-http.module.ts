import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { AuditEventsController } from './audit-events.controller';

/** HTTP face of the audit log: GET /audit-events and /audit-events/export (admin only). */
@Module({ imports: [AuditModule], controllers: [AuditEventsController] })
export class AuditHttpModule {}
