import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { WebhookEndpointRepository } from '../../webhooks/webhook-endpoint.repository';
import { PermanentDeliveryError, type ChannelSender, type DeliveryContext } from '../channel-sender';
import { WebhookClient } from './webhook.client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The webhook channel: one signed POST per delivery to a partner endpoint (recipient `webhook:<endpoint uuid>`).
 * See `webhook-signature.ts` for what partners verify. 2xx = delivered; 4xx other than 408/429 (and permanent
 * redirects) = {@link PermanentDeliveryError}, straight to dead letters; 5xx, 408, 429, timeouts, refused
 * connections and answers that are not HTTP = retryable errors. A missing or deactivated endpoint, or one no longer
 * subscribed to the topic, is permanent too.
 */
@Injectable()
export class WebhookSender implements ChannelSender {
  readonly channel = 'webhook' as const;

  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly client: WebhookClient,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async send(delivery: DeliveryContext): Promise<void> {
    const id = delivery.recipient.startsWith('webhook:') ? delivery.recipient.slice('webhook:'.length) : '';
    if (!UUID.test(id)) {
      throw new PermanentDeliveryError(`The webhook channel cannot deliver to "${delivery.recipient}"`);
    }
    const endpoint = await this.endpoints.findById(id);
    if (!endpoint) throw new PermanentDeliveryError(`Webhook endpoint ${id} does not exist`);
    if (!endpoint.active) throw new PermanentDeliveryError(`Webhook endpoint ${id} is deactivated`);
    if (!endpoint.topics.includes(delivery.topic)) {
      throw new PermanentDeliveryError(`Webhook endpoint ${id} is no longer subscribed to ${delivery.topic}`);
    }
    const { title, body, link, data } = delivery.payload;
    const result = await this.client.post(endpoint, {
      id: delivery.deliveryId,
      topic: delivery.topic,
      occurredAt: (await this.occurredAt(delivery.outboxId)).toISOString(),
      data: { title, body, link: link ?? null, data: data ?? {} },
    });
    if (result.ok) return;
    const message = `${endpoint.url}: ${result.error ?? 'failed'}`;
    throw result.permanent ? new PermanentDeliveryError(message) : new Error(message);
  }

  /** When the event happened: its outbox row's creation time (the same on every retry). */
  private async occurredAt(outboxId: string): Promise<Date> {
    const rows = (await this.txHost.tx.query(`SELECT created_at FROM outbox WHERE id = $1`, [outboxId])) as {
      created_at: Date;
    }[];
    return rows[0]?.created_at ?? new Date();
  }
}
