import type { Channel, NotificationPayload, TopicName } from '@app/contracts';

/** One delivery as a channel sender sees it: loaded from notification_deliveries + its outbox row. */
export interface DeliveryContext {
  deliveryId: string;
  outboxId: string;
  topic: TopicName;
  channel: Channel;
  /** `user:<uuid>` | `email:<address>` | `webhook:<endpoint uuid>` | `sms:<phone>` */
  recipient: string;
  payload: NotificationPayload;
  /** 1 for the first try. */
  attempt: number;
  requestId: string | null;
}

/**
 * A delivery channel. `send` either succeeds, throws `PermanentDeliveryError` (no retry: straight to dead letters,
 * e.g. a webhook answering 4xx, an e-mail address the server rejects), or throws anything else (retried with
 * exponential backoff until the attempt limit, then dead).
 *
 * Senders run inside the delivery's database transaction (`@Transactional()` in the processor), so a sender whose
 * effect is a row (the in-app inbox) commits it together with the delivery's `delivered` mark: exactly once.
 * External effects (SMTP, HTTP) are at-least-once; they carry the delivery id as an idempotency key.
 */
export interface ChannelSender {
  readonly channel: Channel;
  send(delivery: DeliveryContext): Promise<void>;
  /**
   * Optional batch form, for channels whose delivery is a database write: delivers all in the caller's transaction
   * and returns, per delivery id, null (delivered) or the permanent error of that one. Throwing fails the batch
   * (every delivery in it is retried).
   */
  sendBatch?(deliveries: DeliveryContext[]): Promise<Map<string, PermanentDeliveryError | null>>;
}

export class PermanentDeliveryError extends Error {
  readonly permanent = true;
}

/** DI token for the list of senders (one per channel). */
export const CHANNEL_SENDERS = Symbol('CHANNEL_SENDERS');
