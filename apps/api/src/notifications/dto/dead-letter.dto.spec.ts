import { maskedRecipient } from './dead-letter.dto';

describe('maskedRecipient', () => {
  it("masks a complainant's phone and e-mail address, and leaves users and webhooks as they are", () => {
    expect(maskedRecipient('sms:13812345678')).toBe('sms:138****5678');
    expect(maskedRecipient('email:zhang.san@example.cn')).toBe('email:z***@example.cn');
    expect(maskedRecipient('user:2b1c9a5e-0000-4000-8000-000000000001')).toBe(
      'user:2b1c9a5e-0000-4000-8000-000000000001',
    );
    expect(maskedRecipient('webhook:2b1c9a5e-0000-4000-8000-000000000002')).toBe(
      'webhook:2b1c9a5e-0000-4000-8000-000000000002',
    );
  });
});
