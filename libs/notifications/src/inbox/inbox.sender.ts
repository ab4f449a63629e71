import type { Bilingual } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { ChannelSender, DeliveryContext, PermanentDeliveryError } from '../channels/channel-sender';
import { InboxRepository, type NewInboxMessage } from './inbox.repository';

const USER_RECIPIENT = /^user:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const isBilingual = (v: unknown): v is Bilingual =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as Bilingual).zh === 'string' &&
  typeof (v as Bilingual).en === 'string';

/**
 * The in-app inbox channel: the "delivery" is a row in inbox_messages, written in the delivery's transaction
 * (the processor's `@Transactional()`), so the message and the delivery's `delivered` mark commit together —
 * exactly once, and a repeated attempt finds the row already there (unique delivery_id) and inserts nothing.
 * At commit PostgreSQL sends `NOTIFY inbox_messages '<user>:<message id>'`, which the API's InboxStream turns
 * into a server-sent event for the user's open pages.
 */
@Injectable()
export class InboxSender implements ChannelSender {
  readonly channel = 'inbox' as const;

  constructor(private readonly inbox: InboxRepository) {}

  async sendBatch(list: DeliveryContext[]): Promise<Map<string, PermanentDeliveryError | null>> {
    const result = new Map<string, PermanentDeliveryError | null>();
    const rows: NewInboxMessage[] = [];
    for (const d of list) {
      try {
        rows.push(this.message(d));
      } catch (e) {
        result.set(d.deliveryId, e as PermanentDeliveryError);
      }
    }
    const done = await this.inbox.insertManyForDeliveries(rows);
    for (const r of rows) {
      result.set(
        r.deliveryId,
        done.has(r.deliveryId)
          ? null
          : new PermanentDeliveryError(`user ${r.userId} does not exist or is not active`),
      );
    }
    return result;
  }

  /** The inbox row of a delivery; PermanentDeliveryError when the delivery cannot become one. */
  private message(d: DeliveryContext): NewInboxMessage {
    const m = USER_RECIPIENT.exec(d.recipient);
    if (!m) throw new PermanentDeliveryError(`inbox recipient must be user:<uuid>, got "${d.recipient}"`);
    const p = d.payload;
    if (!p || !isBilingual(p.title))
      throw new PermanentDeliveryError('notification payload has no title in both languages');
    return {
      userId: m[1].toLowerCase(),
      deliveryId: d.deliveryId,
      topic: d.topic,
      title: p.title,
      body: isBilingual(p.body) ? p.body : { zh: '', en: '' },
      link: typeof p.link === 'string' && p.link ? p.link : null,
      data: p.data && typeof p.data === 'object' && !Array.isArray(p.data) ? p.data : {},
    };
  }

  async send(d: DeliveryContext): Promise<void> {
    const message = this.message(d);
    const r = await this.inbox.insertForDelivery(message);
    // An active user and no new row means the row is there already (ON CONFLICT skipped it, possibly after
    // waiting for a concurrent attempt to commit): delivered, nothing to do.
    if (r.userActive || r.existed) return;
    throw new PermanentDeliveryError(`user ${message.userId} does not exist or is not active`);
  }
}
