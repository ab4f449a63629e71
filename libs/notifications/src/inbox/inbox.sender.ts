import type { Bilingual } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { ChannelSender, DeliveryContext, PermanentDeliveryError } from '../channels/channel-sender';
import { InboxRepository } from './inbox.repository';

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

  async send(d: DeliveryContext): Promise<void> {
    const m = USER_RECIPIENT.exec(d.recipient);
    if (!m) throw new PermanentDeliveryError(`inbox recipient must be user:<uuid>, got "${d.recipient}"`);
    const p = d.payload;
    if (!p || !isBilingual(p.title))
      throw new PermanentDeliveryError('notification payload has no title in both languages');
    const body = isBilingual(p.body) ? p.body : { zh: '', en: '' };
    const link = typeof p.link === 'string' && p.link ? p.link : null;
    const data = p.data && typeof p.data === 'object' && !Array.isArray(p.data) ? p.data : {};
    const r = await this.inbox.insertForDelivery({
      userId: m[1].toLowerCase(),
      deliveryId: d.deliveryId,
      topic: d.topic,
      title: p.title,
      body,
      link,
      data,
    });
    // An active user and no new row means the row is there already (ON CONFLICT skipped it, possibly after
    // waiting for a concurrent attempt to commit): delivered, nothing to do.
    if (r.userActive || r.existed) return;
    throw new PermanentDeliveryError(`user ${m[1]} does not exist or is not active`);
  }
}
