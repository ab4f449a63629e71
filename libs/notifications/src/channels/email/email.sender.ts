import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { PermanentDeliveryError, type ChannelSender, type DeliveryContext } from '../channel-sender';
import { renderEmail } from './email-templates';
import { EmailSettings } from './email.settings';
import { UserContactRepository } from './user-contact.repository';

/** One address, no display name, nothing that could smuggle in a second recipient or a header. */
const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+$/;

/** What nodemailer attaches to the errors it rejects with. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  /** nodemailer ≥ 10: true for a permanent SMTP rejection (5xx except 503). */
  permanent?: boolean;
}

/**
 * The e-mail channel: renders the topic's bilingual template and hands it to the SMTP server.
 *
 * Recipients: `email:<address>`, or `user:<uuid>` (the user's `email` column). The delivery id goes into the
 * Message-ID and an `X-IPE-Delivery` header, so a message re-sent after a lost acknowledgement can be recognised
 * downstream. A permanent SMTP rejection (5xx, e.g. 550 no such user) or an address we cannot use is a
 * {@link PermanentDeliveryError}; connection failures, timeouts, 4xx replies and authentication failures (our
 * configuration, not the message) are retried.
 */
@Injectable()
export class EmailSender implements ChannelSender, OnModuleDestroy {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;
  private readonly messageIdDomain: string;

  constructor(
    private readonly settings: EmailSettings,
    private readonly users: UserContactRepository,
  ) {
    this.transport = createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
      pool: true,
      maxConnections: 5,
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
    });
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? 'ipe.local';
  }

  async send(delivery: DeliveryContext): Promise<void> {
    const to = await this.addressOf(delivery.recipient);
    const mail = renderEmail(delivery.topic, delivery.payload, {
      publicBaseUrl: this.settings.publicBaseUrl,
    });
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<delivery-${delivery.deliveryId}@${this.messageIdDomain}>`,
        headers: {
          'X-IPE-Delivery': delivery.deliveryId,
          'X-IPE-Topic': delivery.topic,
          // RFC 3834: tells auto-responders not to answer.
          'Auto-Submitted': 'auto-generated',
        },
      });
    } catch (e) {
      throw classifySmtpError(e, to);
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }

  private async addressOf(recipient: string): Promise<string> {
    const sep = recipient.indexOf(':');
    const kind = recipient.slice(0, sep);
    const value = recipient.slice(sep + 1).trim();
    let address: string | null;
    if (sep > 0 && kind === 'email') {
      address = value;
    } else if (sep > 0 && kind === 'user') {
      const user = await this.users.findById(value);
      if (!user) throw new PermanentDeliveryError(`User ${value} does not exist`);
      if (!user.active) throw new PermanentDeliveryError(`User ${value} is deactivated`);
      address = user.email?.trim() || null;
      if (!address) throw new PermanentDeliveryError(`User ${value} has no e-mail address`);
    } else {
      throw new PermanentDeliveryError(`The e-mail channel cannot deliver to "${recipient}"`);
    }
    if (!ADDRESS.test(address))
      throw new PermanentDeliveryError(`"${address}" is not a usable e-mail address`);
    return address;
  }
}

/** Maps a nodemailer failure to a permanent rejection or a retryable error, with a message worth recording. */
export function classifySmtpError(e: unknown, to: string): Error {
  const err = (e instanceof Error ? e : new Error(String(e))) as SmtpError;
  const reply = err.response ? `: ${err.response}` : '';
  if (err.code === 'EAUTH' || err.code === 'ENOAUTH') {
    return new Error(`SMTP authentication failed (check SMTP_USER / SMTP_PASSWORD)${reply}`);
  }
  const code = err.responseCode;
  const permanent =
    err.permanent ?? (code !== undefined && code >= 500 && code < 600 && code !== 503 ? true : undefined);
  if (permanent) return new PermanentDeliveryError(`SMTP server refused the message to ${to}${reply}`);
  if (code !== undefined) return new Error(`SMTP server deferred the message to ${to}${reply}`);
  return new Error(`SMTP ${err.code ?? 'error'}: ${err.message}`);
}
