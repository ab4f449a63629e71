import { CHANNEL_QUEUE } from '@app/outbox';
import { BullModule } from '@nestjs/bullmq';
import { Module, Provider } from '@nestjs/common';
import { CHANNEL_SENDERS, ChannelSender } from './channels/channel-sender';
import { DeadLetterService } from './dead-letter.service';
import { DeliveryEnqueuer } from './delivery-enqueuer';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryService } from './delivery.service';
import { NotificationRouter } from './notification-router';
import { QueueStatsService } from './queue-stats.service';

/** The channel senders, one per channel; each channel's module contributes its sender class here. */
export const CHANNEL_SENDER_CLASSES: (new (...args: never[]) => ChannelSender)[] = [];

const senders: Provider = {
  provide: CHANNEL_SENDERS,
  useFactory: (...list: ChannelSender[]) => list,
  inject: CHANNEL_SENDER_CLASSES,
};

/** Routing, delivery and dead letters (no Redis): used by the worker's processors and the API's admin views. */
@Module({
  providers: [
    DeliveryRepository,
    NotificationRouter,
    DeliveryService,
    DeadLetterService,
    ...CHANNEL_SENDER_CLASSES,
    senders,
  ],
  exports: [DeliveryRepository, NotificationRouter, DeliveryService, DeadLetterService],
})
export class NotificationsModule {}

/** The channel queues and the enqueuer that feeds them (needs BullModule.forRoot in the app). */
@Module({
  imports: [
    NotificationsModule,
    ...Object.values(CHANNEL_QUEUE).map((name) => BullModule.registerQueue({ name })),
  ],
  providers: [DeliveryEnqueuer, QueueStatsService],
  exports: [DeliveryEnqueuer, QueueStatsService, BullModule],
})
export class NotificationQueuesModule {}
