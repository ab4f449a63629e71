import { CreditSweepModule } from '@app/credit';
import { QueueName } from '@app/outbox';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CreditSweepProcessor } from './credit-sweep.processor';

/** The credit sweep and its schedule. Needs BullModule.forRoot(Async) in the importing module. */
@Module({
  imports: [CreditSweepModule, BullModule.registerQueue({ name: QueueName.Credit })],
  providers: [CreditSweepProcessor],
})
export class CreditWorkerModule {}
