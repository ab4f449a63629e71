import type { AppConfig } from '@app/config';

/** Settings of the webhook channel. */
export class WebhookSettings {
  /** WEBHOOK_TIMEOUT_MS: the whole exchange (connect, send, response headers and error body) must fit. */
  timeoutMs = 5000;
}

/**
 * WebhookSettings from the validated configuration; a variable AppConfig does not declare (yet) keeps its default.
 * Provider: `{ provide: WebhookSettings, inject: [AppConfig], useFactory: webhookSettingsFromConfig }`.
 */
export function webhookSettingsFromConfig(c: AppConfig): WebhookSettings {
  return Object.assign(new WebhookSettings(), { timeoutMs: c.WEBHOOK_TIMEOUT_MS });
}
