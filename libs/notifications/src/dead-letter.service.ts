import { AuditWriter } from '@app/audit';
import type { Actor, Channel, Page } from '@app/contracts';
import { DomainError } from '@app/domain';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { DeliveryRecord, DeliveryRepository } from './delivery.repository';

export interface DeadLetter extends DeliveryRecord {
  attemptLog: { attempt: number; ok: boolean; error: string | null; durationMs: number; at: Date }[];
}

/** Deliveries that exhausted their retries or failed for good: listed for admins, retried or discarded (audited). */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly audit: AuditWriter,
  ) {}

  async list(f: {
    channel?: Channel;
    topic?: string;
    page: number;
    pageSize: number;
  }): Promise<Page<DeliveryRecord>> {
    const { items, total } = await this.deliveries.listDead(f);
    return { items, total, page: f.page, pageSize: f.pageSize };
  }

  async get(id: string): Promise<DeadLetter> {
    const d = await this.deliveries.get(id);
    if (!d) throw new DomainError('NOT_FOUND', `No delivery ${id}`);
    return { ...d, attemptLog: await this.deliveries.listAttempts(id) };
  }

  /** Puts a dead delivery back in line; the worker enqueues it on its next pass. */
  @Transactional()
  async retry(actor: Actor, id: string): Promise<DeadLetter> {
    const d = await this.requireDead(id);
    await this.deliveries.requeue(id);
    await this.audit.record(actor, {
      action: 'notification.dead_letter.retried',
      entityType: 'notification_delivery',
      entityId: id,
      data: { channel: d.channel, recipient: d.recipient, topic: d.topic, lastError: d.lastError },
    });
    return this.get(id);
  }

  @Transactional()
  async discard(actor: Actor, id: string): Promise<DeadLetter> {
    const d = await this.requireDead(id);
    await this.deliveries.setOutcome(id, 'discarded', d.attempts, d.lastError);
    await this.audit.record(actor, {
      action: 'notification.dead_letter.discarded',
      entityType: 'notification_delivery',
      entityId: id,
      data: { channel: d.channel, recipient: d.recipient, topic: d.topic, lastError: d.lastError },
    });
    return this.get(id);
  }

  private async requireDead(id: string): Promise<DeliveryRecord> {
    const d = await this.deliveries.getForDelivery(id);
    if (!d) throw new DomainError('NOT_FOUND', `No delivery ${id}`);
    if (d.status !== 'dead') {
      throw new DomainError('INVALID_TRANSITION', `Delivery ${id} is ${d.status}, not a dead letter`, {
        status: d.status,
      });
    }
    return d;
  }
}
