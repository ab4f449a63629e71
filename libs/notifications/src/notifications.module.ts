import { CHANNEL_QUEUE } from '@app/outbox';
import { BullModule } from '@nestjs/bullmq';
import { Module, Provider } from '@nestjs/common';
import { CHANNEL_SENDERS, ChannelSender } from './channels/channel-sender';
import { DeadLetterService } from './dead-letter.service';
import { InboxModule } from './inbox/inbox.module';
import { InboxSender } from './inbox/inbox.sender';
import { EmailChannelModule } from './channels/email/email-channel.module';
import { EmailSender } from './channels/email/email.sender';
import { SmsChannelModule } from './channels/sms/sms-channel.module';
import { SmsSender } from './channels/sms/sms.sender';
import { WebhookSender } from './channels/webhook/webhook.sender';
import { NotificationPreferencesModule } from './preferences/notification-preferences.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { DeliveryEnqueuer } from './delivery-enqueuer';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryService } from './delivery.service';
import { NotificationRouter } from './notification-router';
import { QueueStatsService } from './queue-stats.service';
import { TestNotificationService } from './test-notification.service';

/** The channel senders, one per channel, from the channel modules. */
const senders: Provider = {
  provide: CHANNEL_SENDERS,
  useFactory: (...list: ChannelSender[]) => list,
  inject: [InboxSender, EmailSender, WebhookSender, SmsSender],
};

/** Routing, delivery and dead letters (no Redis): used by the worker's processors and the API's admin views. */
@Module({
  imports: [InboxModule, EmailChannelModule, WebhooksModule, SmsChannelModule, NotificationPreferencesModule],
  providers: [
    DeliveryRepository,
    NotificationRouter,
    DeliveryService,
    DeadLetterService,
    TestNotificationService,
    senders,
  ],
  exports: [
    InboxModule,
    WebhooksModule,
    NotificationPreferencesModule,
    DeliveryRepository,
    NotificationRouter,
    DeliveryService,
    DeadLetterService,
    TestNotificationService,
  ],
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
