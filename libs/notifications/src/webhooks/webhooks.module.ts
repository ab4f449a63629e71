import { AppConfig } from '@app/config';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookClient } from '../channels/webhook/webhook.client';
import { WebhookSender } from '../channels/webhook/webhook.sender';
import { WebhookSettings, webhookSettingsFromConfig } from '../channels/webhook/webhook.settings';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';
import { WebhookEndpointRepository } from './webhook-endpoint.repository';
import { WebhookEndpointService } from './webhook-endpoint.service';

/**
 * Partner webhooks: endpoint management (API) and the webhook channel sender (worker). Needs ConfigModule,
 * DatabaseModule and AuditModule (global) in the application.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpointEntity])],
  providers: [
    { provide: WebhookSettings, inject: [AppConfig], useFactory: webhookSettingsFromConfig },
    WebhookClient,
    WebhookEndpointRepository,
    WebhookEndpointService,
    WebhookSender,
  ],
  exports: [WebhookEndpointService, WebhookSender],
})
export class WebhooksModule {}
