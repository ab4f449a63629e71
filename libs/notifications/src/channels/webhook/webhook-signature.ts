import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures.
 *
 * Every POST to a partner endpoint carries
 *
 *     x-ipe-timestamp: <unix seconds>
 *     x-ipe-signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>
 *
 * The secret is the one shown once when the endpoint was registered (or its secret rotated). A receiver verifies
 * the signature over the **raw** request body (before any JSON parsing) and refuses requests whose timestamp is
 * more than a few minutes away from its clock, which stops replays of captured requests. It deduplicates on the
 * `idempotency-key` header (the delivery id): a delivery may arrive more than once, never with different content.
 *
 * Receivers in Node.js can copy {@link verifyWebhookSignature} as is (it needs only `node:crypto`); elsewhere:
 *
 *     expected = hex(hmac_sha256(key = secret, message = timestamp + "." + body))
 *     ok = constant_time_equal("sha256=" + expected, header) and abs(now - timestamp) <= 300
 */

/** `sha256=<hex>` for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number | string, body: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

/**
 * True when `header` (the `x-ipe-signature` value) is a valid signature of `body` sent at `timestamp` (the
 * `x-ipe-timestamp` value) with `secret`, and the timestamp is within `toleranceSeconds` of now.
 * The header may list several signatures separated by commas (any one matching is enough), so a receiver keeps
 * working while a secret is being rotated on both sides. Comparison is constant-time.
 *
 * @param body the raw request body, exactly as received
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string | number | undefined | null,
  body: string | Buffer,
  header: string | undefined | null,
  toleranceSeconds = 300,
  now: Date = new Date(),
): boolean {
  if (!secret || !header || timestamp === undefined || timestamp === null) return false;
  const ts = String(timestamp).trim();
  if (!/^\d{1,12}$/.test(ts)) return false;
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(ts)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  return header
    .split(',')
    .map((s) => Buffer.from(s.trim()))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
