import { signWebhook, verifyWebhookSignature } from './webhook-signature';

// A fixed vector partners can check their implementation against (computed independently with
// `printf '%s' '1767225600.{"id":"1","topic":"notification.test"}' | openssl dgst -sha256 -hmac 'test-secret'`).
const SECRET = 'test-secret';
const TIMESTAMP = '1767225600'; // 2026-01-01T00:00:00Z
const BODY = '{"id":"1","topic":"notification.test"}';
const SIGNATURE = 'sha256=7a473f28460529144cc69a767b28a0be8f3da6329b63797a93430ea2ea691247';
const AT = new Date('2026-01-01T00:02:00Z');

describe('webhook signatures', () => {
  it('signs HMAC-SHA256 over "timestamp.body"', () => {
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(SIGNATURE);
    expect(signWebhook(SECRET, Number(TIMESTAMP), Buffer.from(BODY))).toBe(SIGNATURE);
  });

  it('verifies within the tolerance only', () => {
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, SIGNATURE, 300, AT)).toBe(true);
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, Buffer.from(BODY), SIGNATURE, 300, AT)).toBe(true);
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, SIGNATURE, 60, AT)).toBe(false);
    expect(
      verifyWebhookSignature(SECRET, TIMESTAMP, BODY, SIGNATURE, 300, new Date('2025-12-31T23:55:01Z')),
    ).toBe(true);
    expect(
      verifyWebhookSignature(SECRET, TIMESTAMP, BODY, SIGNATURE, 300, new Date('2025-12-31T23:54:59Z')),
    ).toBe(false);
  });

  it('rejects anything altered or malformed', () => {
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, `${BODY} `, SIGNATURE, 300, AT)).toBe(false);
    expect(verifyWebhookSignature('other', TIMESTAMP, BODY, SIGNATURE, 300, AT)).toBe(false);
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, SIGNATURE.toUpperCase(), 300, AT)).toBe(false);
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, SIGNATURE.slice(0, -1), 300, AT)).toBe(false);
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, SIGNATURE.replace('sha256=', ''), 300, AT)).toBe(
      false,
    );
    expect(verifyWebhookSignature(SECRET, `${TIMESTAMP}.5`, BODY, SIGNATURE, 300, AT)).toBe(false);
    expect(verifyWebhookSignature(SECRET, null, BODY, SIGNATURE, 300, AT)).toBe(false);
    expect(verifyWebhookSignature('', TIMESTAMP, BODY, SIGNATURE, 300, AT)).toBe(false);
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, '', 300, AT)).toBe(false);
    expect(verifyWebhookSignature(SECRET, TIMESTAMP, BODY, `sha256=00,${SIGNATURE}`, 300, AT)).toBe(true);
  });
});
