import type { TopicName } from '@app/contracts';
import { Injectable, Logger } from '@nestjs/common';

/** One text message for a gateway. */
export interface SmsMessage {
  /** Normalised phone number: digits with an optional leading `+` (e.g. `13800138000`, `+8613800138000`). */
  to: string;
  /** The full text, signature included (`【知识产权执法】…`). */
  text: string;
  /** The delivery id: pass it to the provider as its idempotency / out-id field where it has one. */
  reference: string;
  /**
   * What the text was made from. Mainland providers (Aliyun SMS, Tencent Cloud SMS) send only pre-approved templates
   * with parameters, so their adapters map the topic to a template code and fill it from `params`.
   */
  topic: TopicName;
  params: { title: string; body: string };
}

/**
 * The port between the SMS channel and an SMS provider. **A provider adapter goes here**: implement this
 * interface in `sms/<provider>-sms.gateway.ts` (credentials from AppConfig), and bind it to {@link SMS_GATEWAY} in
 * `SmsChannelModule` (chosen by a config variable such as `SMS_DRIVER=logging|aliyun`). Throw
 * `PermanentDeliveryError` for what retrying cannot fix (an invalid or blacklisted number, a template the
 * provider refuses) and any other error for what it can (throttling, timeouts, provider outages).
 */
export interface SmsGateway {
  send(message: SmsMessage): Promise<void>;
}

/** DI token of the configured {@link SmsGateway}. */
export const SMS_GATEWAY = Symbol('SMS_GATEWAY');

/** `13800138000` → `*******8000`: only the last four digits are shown in logs. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const shown = digits.slice(-4);
  return `${phone.startsWith('+') ? '+' : ''}${'*'.repeat(Math.max(0, digits.length - shown.length))}${shown}`;
}

/**
 * The only adapter today: writes the message to the log instead of sending it (phone masked, so logs never hold a
 * complete number). Good for development and for deployments without an SMS contract.
 */
@Injectable()
export class LoggingSmsGateway implements SmsGateway {
  private readonly logger = new Logger('SmsGateway');

  send(message: SmsMessage): Promise<void> {
    this.logger.log(
      `SMS (not sent: logging gateway) to ${maskPhone(message.to)} [${message.topic}, ref ${message.reference}]: ${message.text}`,
    );
    return Promise.resolve();
  }
}
