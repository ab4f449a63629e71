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
    const values: unknown[] = [];
    const sql = this.insertSql((v) => (values.push(v), `$${values.length}`), messages);
    const inserted: { id: string }[] = await this.txHost.tx.query(`${sql} RETURNING id`, values);
    return inserted.map((r) => String(r.id));
  }

  /**
   * The INSERT of `messages` for a statement the caller composes (e.g. a CTE beside the change it announces), with
   * `p` allocating its parameters. The caller makes it commit with the change: one statement, or its transaction.
   * With `after` (the name of an earlier CTE of the statement) the messages are written only if that CTE has a row:
   * a change its statement may find it must not make announces nothing.
   */
  insertSql(p: (value: unknown) => string, messages: readonly OutboxMessage[], after?: string): string {
    const unknown = messages.filter((m) => !isTopic(m.topic)).map((m) => m.topic);
    if (unknown.length)
      throw new Error(`Unknown outbox topic(s): ${unknown.join(', ')} (add them to TOPICS)`);
    const requestId = this.cls.isActive() ? (this.cls.getId() ?? null) : null;
    const rows = messages.map(
      (m) => `(${p(m.topic)}, ${p(JSON.stringify(m.payload))}::jsonb, ${p(requestId)})`,
    );
    return after
      ? `INSERT INTO outbox (topic, payload, request_id)
         SELECT m.topic, m.payload, m.request_id FROM (VALUES ${rows.join(', ')}) AS m (topic, payload, request_id)
          WHERE EXISTS (SELECT FROM ${after})`
      : `INSERT INTO outbox (topic, payload, request_id) VALUES ${rows.join(', ')}`;
  }
}
