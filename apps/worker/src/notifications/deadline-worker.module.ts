import { DeadlineModule } from '@app/notifications';
import { QueueName } from '@app/outbox';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DeadlineSweepProcessor } from './deadline-sweep.processor';

/**
 * The deadline sweep job and its schedule. Needs BullModule.forRoot(Async), DatabaseModule, AuditModule and
 * OutboxModule in the importing module; contexts' DeadlineSources register themselves through DeadlineModule.
 */
@Module({
  imports: [DeadlineModule, BullModule.registerQueue({ name: QueueName.Deadlines })],
  providers: [DeadlineSweepProcessor],
})
export class DeadlineWorkerModule {}
