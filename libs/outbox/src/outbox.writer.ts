import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { isTopic, type NotificationPayload, type TopicName } from '@app/contracts';

export interface OutboxMessage {
  topic: TopicName;
  payload: NotificationPayload;
}

/**
 * Writes outbox rows inside the caller's transaction (design.md §1): the row commits with the change it
 * announces or not at all. Delivery is the worker's job; nothing here touches Redis.
 */
@Injectable()
export class OutboxWriter {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
  ) {}

  async add(...messages: OutboxMessage[]): Promise<string[]> {
    if (!messages.length) return [];
    if (!this.txHost.isTransactionActive()) {
      throw new Error('OutboxWriter.add must run inside a @Transactional() command');
    }
    const unknown = messages.filter((m) => !isTopic(m.topic)).map((m) => m.topic);
    if (unknown.length)
      throw new Error(`Unknown outbox topic(s): ${unknown.join(', ')} (add them to TOPICS)`);
    const requestId = this.cls.isActive() ? (this.cls.getId() ?? null) : null;
    const values: unknown[] = [];
    const rows = messages.map((m, i) => {
      values.push(m.topic, JSON.stringify(m.payload), requestId);
      return `($${i * 3 + 1}, $${i * 3 + 2}::jsonb, $${i * 3 + 3})`;
    });
    const inserted: { id: string }[] = await this.txHost.tx.query(
      `INSERT INTO outbox (topic, payload, request_id) VALUES ${rows.join(', ')} RETURNING id`,
      values,
    );
    return inserted.map((r) => String(r.id));
  }
}
