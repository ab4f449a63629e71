import { AuditWriter } from '@app/audit';
import { isTopic, TOPICS, type Actor, type Page, type TopicName } from '@app/contracts';
import { DomainError } from '@app/domain';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { WebhookClient, type WebhookPostResult } from '../channels/webhook/webhook.client';
import type { WebhookEndpointEntity } from './entities/webhook-endpoint.entity';
import { WebhookEndpointRepository, type WebhookEndpointValues } from './webhook-endpoint.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_PAGE = 10_000;
const MAX_PAGE_SIZE = 200;

export interface WebhookEndpointListQuery {
  topic?: string;
  active?: boolean;
  page?: number;
  pageSize?: number;
}

export interface CreateWebhookEndpointInput {
  name: string;
  url: string;
  topics: readonly string[];
}

export interface UpdateWebhookEndpointInput {
  name?: string;
  url?: string;
  topics?: readonly string[];
  active?: boolean;
  /** The version the caller read. */
  version: number;
}

type FieldName = 'name' | 'url' | 'topics' | 'active';
const FIELDS: readonly FieldName[] = ['name', 'url', 'topics', 'active'];

/** 32 random bytes, hex: the HMAC key partners verify signatures with. */
export const newWebhookSecret = (): string => randomBytes(32).toString('hex');

/**
 * Partner endpoints (系统管理 → Webhooks 推送接口): registered by admins with the topics they receive. Every change is
 * one transaction with its audit event; secrets never go into the audit log.
 */
@Injectable()
export class WebhookEndpointService {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly audit: AuditWriter,
    private readonly client: WebhookClient,
  ) {}

  async list(query: WebhookEndpointListQuery = {}): Promise<Page<WebhookEndpointEntity>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
      invalid('page', `page must be 1–${MAX_PAGE}`, '页码超出范围');
    }
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      invalid('pageSize', `pageSize must be 1–${MAX_PAGE_SIZE}`, '每页条数超出范围');
    }
    const topic = query.topic === undefined ? undefined : normalizeTopics([query.topic], 'topic')[0];
    const { items, total } = await this.endpoints.list({ topic, active: query.active, page, pageSize });
    return { items, total, page, pageSize };
  }

  async get(id: string): Promise<WebhookEndpointEntity> {
    const endpoint = UUID.test(id) ? await this.endpoints.findById(id) : null;
    if (!endpoint) throw notFound(id);
    return endpoint;
  }

  /** Active endpoints subscribed to `topic` (the router adds one webhook delivery for each). */
  subscribersOf(topic: TopicName): Promise<WebhookEndpointEntity[]> {
    return this.endpoints.subscribersOf(topic);
  }

  /** Registers an endpoint with a new secret; the returned entity carries the secret (show it once). */
  @Transactional()
  async create(actor: Actor, input: CreateWebhookEndpointInput): Promise<WebhookEndpointEntity> {
    const values: WebhookEndpointValues = {
      name: requireText(input.name, 'name'),
      url: normalizeUrl(input.url),
      topics: normalizeTopics(input.topics, 'topics'),
      active: true,
      secret: newWebhookSecret(),
    };
    // Taken before the insert (which writes the generated columns back into `values`); never the secret.
    const audited = { name: values.name, url: values.url, topics: values.topics, active: values.active };
    const id = await this.endpoints.insert(values);
    await this.audit.record(actor, {
      action: 'webhook.created',
      entityType: 'webhook',
      entityId: id,
      data: audited,
    });
    return (await this.endpoints.findById(id))!;
  }

  /** Optimistic update: `input.version` must be the version the caller read, else STALE_VERSION (409). */
  @Transactional()
  async update(actor: Actor, id: string, input: UpdateWebhookEndpointInput): Promise<WebhookEndpointEntity> {
    const current = await this.get(id);
    if (current.version !== input.version) throw stale(id, current.version, input.version);
    const next: Omit<WebhookEndpointValues, 'secret'> = {
      name: input.name === undefined ? current.name : requireText(input.name, 'name'),
      url: input.url === undefined ? current.url : normalizeUrl(input.url),
      topics: input.topics === undefined ? current.topics : normalizeTopics(input.topics, 'topics'),
      active: input.active ?? current.active,
    };
    const changes: Partial<WebhookEndpointValues> = {};
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of FIELDS) {
      if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) {
        Object.assign(changes, { [key]: next[key] });
        diff[key] = { from: current[key], to: next[key] };
      }
    }
    if (!Object.keys(changes).length) return current;
    // Someone else committed between our read and our write.
    if (!(await this.endpoints.updateIfVersion(id, input.version, changes))) {
      throw stale(id, undefined, input.version);
    }
    await this.audit.record(actor, {
      action: 'webhook.updated',
      entityType: 'webhook',
      entityId: id,
      data: diff,
    });
    return (await this.endpoints.findById(id))!;
  }

  /** Replaces the secret at once (signatures made with the old one stop verifying); returns it, to show once. */
  @Transactional()
  async rotateSecret(actor: Actor, id: string): Promise<WebhookEndpointEntity> {
    const current = await this.getLocked(id);
    await this.endpoints.updateIfVersion(id, current.version, { secret: newWebhookSecret() });
    await this.audit.record(actor, {
      action: 'webhook.secret_rotated',
      entityType: 'webhook',
      entityId: id,
      data: {},
    });
    return (await this.endpoints.findById(id))!;
  }

  /**
   * Deactivates the endpoint: it gets nothing new, deliveries already queued for it fail as permanent, and its
   * history stays. Reactivate with `update({ active: true })`. Idempotent.
   */
  @Transactional()
  async remove(actor: Actor, id: string): Promise<void> {
    const current = await this.getLocked(id);
    if (!current.active) return;
    await this.endpoints.updateIfVersion(id, current.version, { active: false });
    await this.audit.record(actor, {
      action: 'webhook.deactivated',
      entityType: 'webhook',
      entityId: id,
      data: { active: { from: true, to: false } },
    });
  }

  /**
   * Sends a signed `notification.test` event to the endpoint now (active or not) and reports what came back.
   * Nothing is stored: the event id is fresh, so the partner's de-duplication does not swallow a second test.
   */
  async sendTest(id: string): Promise<WebhookPostResult> {
    const endpoint = await this.get(id);
    const topic: TopicName = 'notification.test';
    return this.client.post(endpoint, {
      id: `test-${randomUUID()}`,
      topic,
      occurredAt: new Date().toISOString(),
      data: {
        title: { zh: TOPICS[topic].zh, en: TOPICS[topic].en },
        body: {
          zh: `这是发送到"${endpoint.name}"的测试推送，用于检查接口地址和签名校验。`,
          en: `A test event for "${endpoint.name}", to check the URL and signature verification.`,
        },
        link: null,
        data: { endpointId: endpoint.id },
      },
    });
  }

  private async getLocked(id: string): Promise<WebhookEndpointEntity> {
    const endpoint = UUID.test(id) ? await this.endpoints.findById(id, { lock: true }) : null;
    if (!endpoint) throw notFound(id);
    return endpoint;
  }
}

function invalid(field: string, message: string, messageZh: string): never {
  throw new DomainError('VALIDATION_FAILED', message, {
    errors: [{ field, code: 'invalid', message: `${messageZh} (${message})` }],
  });
}

function notFound(id: string): DomainError {
  return new DomainError('NOT_FOUND', `No webhook endpoint with id ${id}`, { id });
}

function stale(id: string, currentVersion: number | undefined, sent: number): DomainError {
  return new DomainError(
    'STALE_VERSION',
    `The webhook endpoint was changed by someone else (${currentVersion === undefined ? 'meanwhile' : `version ${currentVersion}`}, you sent ${sent}); reload and try again`,
    { id, ...(currentVersion === undefined ? {} : { currentVersion }) },
  );
}

function requireText(value: string, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) invalid(field, `${field} must not be empty`, '不能为空');
  if (text.length > 100) invalid(field, `${field} must be at most 100 characters`, '长度超出限制');
  return text;
}

/** An absolute http(s) URL with a host and no credentials, without a fragment. */
export function normalizeUrl(raw: string): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const url = parseUrl(text);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    invalid('url', `url must be an http(s) URL with a host, got "${text}"`, '接口地址应为 http(s) 网址');
  }
  if (url.username || url.password) {
    invalid(
      'url',
      'url must not contain credentials (requests are authenticated by their signature)',
      '接口地址不能包含用户名或密码',
    );
  }
  if (text.length > 2048) invalid('url', 'url must be at most 2048 characters', '接口地址过长');
  url.hash = '';
  return url.toString();
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Known topics, without duplicates, in registry order (so comparisons do not depend on the client's order). */
function normalizeTopics(list: readonly string[], field: string): TopicName[] {
  if (!Array.isArray(list) || !list.length)
    invalid(field, `${field} must name at least one topic`, '至少选择一个主题');
  const unknown = list.filter((t) => typeof t !== 'string' || !isTopic(t));
  if (unknown.length) {
    invalid(field, `Unknown topic(s): ${unknown.join(', ')}`, `未知的通知主题：${unknown.join('、')}`);
  }
  const chosen = new Set(list);
  return (Object.keys(TOPICS) as TopicName[]).filter((t) => chosen.has(t));
}
