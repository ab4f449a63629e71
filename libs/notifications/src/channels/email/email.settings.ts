import type { AppConfig } from '@app/config';

/**
 * SMTP and link settings of the e-mail channel. Defaults suit a local development mail sink (Mailpit or MailHog
 * listen on 127.0.0.1:1025 without TLS or authentication).
 */
export class EmailSettings {
  /** SMTP_HOST */
  host = '127.0.0.1';
  /** SMTP_PORT */
  port = 1025;
  /** SMTP_SECURE: TLS from the first byte (port 465). False still upgrades with STARTTLS when offered. */
  secure = false;
  /** SMTP_USER; empty = no authentication. */
  user?: string;
  /** SMTP_PASSWORD (secret). */
  password?: string;
  /** MAIL_FROM */
  from = '"知识产权执法案件管理" <noreply@ipe.local>';
  /** SMTP_TIMEOUT_MS: connect, greeting and socket inactivity limit. */
  timeoutMs = 10_000;
  /** PUBLIC_BASE_URL: where people open the web app; links in messages are `<publicBaseUrl><payload.link>`. */
  publicBaseUrl = 'http://localhost:3000';
}

/** The AppConfig variables the e-mail channel reads (to be declared on AppConfig). */
/** EmailSettings from the validated configuration. */
export function emailSettingsFromConfig(c: AppConfig): EmailSettings {
  return Object.assign(new EmailSettings(), {
    host: c.SMTP_HOST,
    port: c.SMTP_PORT,
    secure: c.SMTP_SECURE,
    user: c.SMTP_USER,
    password: c.SMTP_PASSWORD,
    from: c.MAIL_FROM,
    timeoutMs: c.SMTP_TIMEOUT_MS,
    publicBaseUrl: c.PUBLIC_BASE_URL,
  });
}
