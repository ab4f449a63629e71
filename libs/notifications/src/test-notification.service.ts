import { AuditWriter } from '@app/audit';
import type { Actor, Audience } from '@app/contracts';
import { DomainError } from '@app/domain';
import { OutboxWriter } from '@app/outbox';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';

/** Lets an admin check the channels end to end: a 'notification.test' message to chosen people. */
@Injectable()
export class TestNotificationService {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditWriter,
  ) {}

  @Transactional()
  async send(actor: Actor, to: Audience, note?: string): Promise<{ outboxId: string }> {
    if (!to.users?.length && !to.office && !to.supervisorsOf && !to.emails?.length && !to.phones?.length) {
      throw new DomainError('VALIDATION_FAILED', 'Name at least one recipient', {
        errors: [
          { field: 'to', code: 'required', message: '请至少指定一个接收人 (name at least one recipient)' },
        ],
      });
    }
    const text = note?.trim() || '';
    const [outboxId] = await this.outbox.add({
      topic: 'notification.test',
      payload: {
        to,
        title: { zh: '测试通知', en: 'Test notification' },
        body: {
          zh: `这是 ${actor.displayName} 发送的测试通知。${text}`,
          en: `This is a test notification sent by ${actor.username}. ${text}`,
        },
        link: '/inbox',
        data: { sentBy: actor.username },
      },
    });
    await this.audit.record(actor, {
      action: 'notification.test_sent',
      entityType: 'outbox',
      entityId: outboxId,
      data: { to: { ...to } },
    });
    return { outboxId };
  }
}
