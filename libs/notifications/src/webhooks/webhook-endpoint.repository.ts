import type { TopicName } from '@app/contracts';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';

export interface WebhookEndpointValues {
  name: string;
  url: string;
  secret: string;
  topics: TopicName[];
  active: boolean;
}

export interface WebhookEndpointFilter {
  topic?: TopicName;
  active?: boolean;
  page: number;
  pageSize: number;
}

@Injectable()
export class WebhookEndpointRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get repo() {
    return this.txHost.tx.getRepository(WebhookEndpointEntity);
  }

  /** `lock`: hold the row (FOR UPDATE) until the transaction ends. */
  findById(id: string, { lock = false } = {}): Promise<WebhookEndpointEntity | null> {
    return this.repo.findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  async list(f: WebhookEndpointFilter): Promise<{ items: WebhookEndpointEntity[]; total: number }> {
    const qb = this.repo.createQueryBuilder('w');
    if (f.topic) qb.andWhere(':topic = ANY(w.topics)', { topic: f.topic });
    if (f.active !== undefined) qb.andWhere('w.active = :active', { active: f.active });
    const [items, total] = await qb
      .orderBy('w.name')
      .addOrderBy('w.created_at')
      .skip((f.page - 1) * f.pageSize)
      .take(f.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** Active endpoints subscribed to `topic`, oldest first. */
  subscribersOf(topic: TopicName): Promise<WebhookEndpointEntity[]> {
    return this.repo
      .createQueryBuilder('w')
      .where('w.active')
      .andWhere(':topic = ANY(w.topics)', { topic })
      .orderBy('w.created_at')
      .addOrderBy('w.id')
      .getMany();
  }

  async insert(values: WebhookEndpointValues): Promise<string> {
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .into(WebhookEndpointEntity)
      .values(values)
      .returning(['id'])
      .execute();
    return (result.identifiers[0] as { id: string }).id;
  }

  /**
   * Applies `changes` only if the row still has `version` (optimistic lock); bumps version and updated_at.
   * False when no row matched (missing, or changed by someone else meanwhile).
   */
  async updateIfVersion(
    id: string,
    version: number,
    changes: Partial<WebhookEndpointValues>,
  ): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(WebhookEndpointEntity)
      .set(changes)
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
