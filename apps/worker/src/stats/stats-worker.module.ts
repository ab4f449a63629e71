import { QueueName } from '@app/outbox';
import { StatsModule } from '@app/stats';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { StatsProcessor } from './stats.processor';

/** The statistics projection and nightly reconciliation with their schedules. Needs BullModule.forRoot(Async). */
@Module({
  imports: [StatsModule, BullModule.registerQueue({ name: QueueName.Stats })],
  providers: [StatsProcessor],
})
export class StatsWorkerModule {}
