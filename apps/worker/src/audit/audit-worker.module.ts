import { AuditModule } from '@app/audit';
import { QueueName } from '@app/outbox';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditCheckpointProcessor } from './audit-checkpoint.processor';

/** The audit checkpoint job and its schedule. Needs BullModule.forRoot(Async) in the importing module. */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: QueueName.Maintenance })],
  providers: [AuditCheckpointProcessor],
})
export class AuditWorkerModule {}
