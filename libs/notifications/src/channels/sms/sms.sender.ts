import { Inject, Injectable } from '@nestjs/common';
import { PermanentDeliveryError, type ChannelSender, type DeliveryContext } from '../channel-sender';
import { UserContactRepository } from '../email/user-contact.repository';
import { SMS_GATEWAY, type SmsGateway } from './sms-gateway';

/** Signature every mainland SMS must start with (registered with the provider). */
export const SMS_SIGNATURE = '【知识产权执法】';
/** Keeps a notice within two concatenated SMS parts (67 Chinese characters each). */
const MAX_TEXT = 130;

/** Digits with an optional leading `+`, 5–15 digits (E.164 allows 15). */
const PHONE = /^\+?\d{5,15}$/;

/** `138 0013-8000` → `13800138000`; null when it is not a phone number. */
export function normalizePhone(raw: string): string | null {
  const phone = raw.replace(/[\s\-().]/g, '');
  return PHONE.test(phone) ? phone : null;
}

/** The Chinese text of a notification as one SMS: signature, title, body, a pointer to the system. */
export function smsText(title: string, body: string): string {
  const tail = '（详情请登录系统查看）';
  const head = `${SMS_SIGNATURE}${title.trim()}`;
  const text = body.trim() ? `${head}：${body.trim().replace(/\s+/g, ' ')}` : head;
  const room = MAX_TEXT - tail.length;
  const chars = [...text];
  return (chars.length > room ? `${chars.slice(0, room - 1).join('')}…` : text) + tail;
}

/**
 * The SMS channel: Chinese text only (people who get SMS are reached in Chinese; the link is left out, as links
 * in SMS are filtered as spam by the carriers), sent through the configured {@link SmsGateway}.
 * Recipients: `sms:<phone>`, or `user:<uuid>` (the user's `phone` column).
 */
@Injectable()
export class SmsSender implements ChannelSender {
  readonly channel = 'sms' as const;

  constructor(
    @Inject(SMS_GATEWAY) private readonly gateway: SmsGateway,
    private readonly users: UserContactRepository,
  ) {}

  async send(delivery: DeliveryContext): Promise<void> {
    const to = await this.phoneOf(delivery.recipient);
    const { title, body } = delivery.payload;
    await this.gateway.send({
      to,
      text: smsText(title.zh, body.zh),
      reference: delivery.deliveryId,
      topic: delivery.topic,
      params: { title: title.zh, body: body.zh },
    });
  }

  private async phoneOf(recipient: string): Promise<string> {
    const sep = recipient.indexOf(':');
    const kind = sep > 0 ? recipient.slice(0, sep) : '';
    const value = recipient.slice(sep + 1).trim();
    let raw: string;
    if (kind === 'sms') {
      raw = value;
    } else if (kind === 'user') {
      const user = await this.users.findById(value);
      if (!user) throw new PermanentDeliveryError(`User ${value} does not exist`);
      if (!user.active) throw new PermanentDeliveryError(`User ${value} is deactivated`);
      if (!user.phone?.trim()) throw new PermanentDeliveryError(`User ${value} has no phone number`);
      raw = user.phone;
    } else {
      throw new PermanentDeliveryError(`The SMS channel cannot deliver to "${recipient}"`);
    }
    const phone = normalizePhone(raw);
    if (!phone) throw new PermanentDeliveryError(`"${raw}" is not a phone number`);
    return phone;
  }
}
