import { NotificationQueuesModule, NotificationsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { DELIVERY_PROCESSORS } from './delivery.processors';
import { OutboxRelayRunner } from './outbox-relay.runner';

/** Outbox relay loop and one delivery processor per channel queue. */
@Module({
  imports: [NotificationsModule, NotificationQueuesModule],
  providers: [OutboxRelayRunner, ...DELIVERY_PROCESSORS],
  exports: [OutboxRelayRunner],
})
export class NotificationsWorkerModule {}
