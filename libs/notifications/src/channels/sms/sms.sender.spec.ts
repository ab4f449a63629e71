import { Logger } from '@nestjs/common';
import type { DeliveryContext } from '../channel-sender';
import { PermanentDeliveryError } from '../channel-sender';
import type { UserContact, UserContactRepository } from '../email/user-contact.repository';
import { LoggingSmsGateway, maskPhone, type SmsGateway, type SmsMessage } from './sms-gateway';
import { normalizePhone, SmsSender, smsText } from './sms.sender';

const USER_ID = '11111111-1111-4111-8111-111111111111';

function delivery(recipient: string): DeliveryContext {
  return {
    deliveryId: '77',
    outboxId: '7',
    topic: 'deadline.overdue',
    channel: 'sms',
    recipient,
    attempt: 1,
    requestId: null,
    payload: {
      to: {},
      title: { zh: '案件已超期', en: 'Case overdue' },
      body: { zh: '浙杭知执〔2026〕12号 已超过办理期限。', en: 'Overdue.' },
      link: '/cases/12',
    },
  };
}

function setup(contacts: Record<string, Partial<UserContact>> = {}) {
  const sent: SmsMessage[] = [];
  const gateway: SmsGateway = { send: (m) => Promise.resolve(void sent.push(m)) };
  const users = {
    findById: (id: string) =>
      Promise.resolve(
        contacts[id]
          ? { id, displayName: 'x', active: true, email: null, phone: null, ...contacts[id] }
          : null,
      ),
  } as unknown as UserContactRepository;
  return { sent, sender: new SmsSender(gateway, users) };
}

async function errorOf(p: Promise<unknown>): Promise<Error> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof Error)) throw new Error('expected a failure');
  return e;
}

describe('SmsSender', () => {
  it('sends the Chinese text with the signature to an sms: recipient', async () => {
    const { sender, sent } = setup();
    await sender.send(delivery('sms:138 0013-8000'));
    expect(sent).toEqual([
      {
        to: '13800138000',
        text: '【知识产权执法】案件已超期：浙杭知执〔2026〕12号 已超过办理期限。（详情请登录系统查看）',
        reference: '77',
        topic: 'deadline.overdue',
        params: { title: '案件已超期', body: '浙杭知执〔2026〕12号 已超过办理期限。' },
      },
    ]);
    expect(sender.channel).toBe('sms');
  });

  it("uses a user's phone; no phone, an inactive or unknown user, or a bad number is permanent", async () => {
    const { sender, sent } = setup({
      [USER_ID]: { phone: '+86 138-0013-8000' },
      '22222222-2222-4222-8222-222222222222': { phone: null },
      '33333333-3333-4333-8333-333333333333': { phone: '13800138000', active: false },
      '44444444-4444-4444-8444-444444444444': { phone: 'call me' },
    });
    await sender.send(delivery(`user:${USER_ID}`));
    expect(sent.map((m) => m.to)).toEqual(['+8613800138000']);

    const cases: [string, RegExp][] = [
      ['user:22222222-2222-4222-8222-222222222222', /has no phone number/],
      ['user:33333333-3333-4333-8333-333333333333', /is deactivated/],
      ['user:44444444-4444-4444-8444-444444444444', /is not a phone number/],
      ['user:55555555-5555-4555-8555-555555555555', /does not exist/],
      ['sms:12', /is not a phone number/],
      ['email:a@b.cn', /cannot deliver/],
    ];
    for (const [recipient, message] of cases) {
      const e = await errorOf(sender.send(delivery(recipient)));
      expect(e).toBeInstanceOf(PermanentDeliveryError);
      expect(e.message).toMatch(message);
    }
    expect(sent).toHaveLength(1);
  });

  it('lets a gateway failure through as retryable', async () => {
    const gateway: SmsGateway = { send: () => Promise.reject(new Error('provider throttled')) };
    const sender = new SmsSender(gateway, { findById: () => Promise.resolve(null) } as never);
    const e = await errorOf(sender.send(delivery('sms:13800138000')));
    expect(e).not.toBeInstanceOf(PermanentDeliveryError);
    expect(e.message).toBe('provider throttled');
  });

  it('keeps long texts within two SMS parts', () => {
    const text = smsText('标题', '很长的正文'.repeat(100));
    expect([...text].length).toBeLessThanOrEqual(130);
    expect(text).toMatch(/^【知识产权执法】标题：很长的正文/);
    expect(text).toMatch(/…（详情请登录系统查看）$/);
    expect(smsText('只有标题', '  ')).toBe('【知识产权执法】只有标题（详情请登录系统查看）');
  });

  it('normalises and masks phone numbers', () => {
    expect(normalizePhone('(0571) 8888-1234')).toBe('057188881234');
    expect(normalizePhone('+86 13800138000')).toBe('+8613800138000');
    expect(normalizePhone('1380013800a')).toBeNull();
    expect(maskPhone('13800138000')).toBe('*******8000');
    expect(maskPhone('+8613800138000')).toBe('+*********8000');
    expect(maskPhone('123')).toBe('123');
  });

  it('LoggingSmsGateway logs the message with the number masked', async () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      await new LoggingSmsGateway().send({
        to: '13800138000',
        text: '【知识产权执法】测试',
        reference: '9',
        topic: 'notification.test',
        params: { title: '测试', body: '' },
      });
      expect(log).toHaveBeenCalledTimes(1);
      const line = String(log.mock.calls[0][0]);
      expect(line).toContain('*******8000');
      expect(line).not.toContain('13800138000');
      expect(line).toContain('【知识产权执法】测试');
    } finally {
      log.mockRestore();
    }
  });
});
