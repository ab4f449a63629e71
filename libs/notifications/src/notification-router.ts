import {
  isTopic,
  type Audience,
  type NotificationPayload,
  type PersonalChannel,
  TOPICS,
  type TopicName,
} from '@app/contracts';
import { cityOf, provinceOf } from '@app/domain';
import type { OutboxRow } from '@app/outbox';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { DeliveryRepository, NewDelivery } from './delivery.repository';

export interface RouteResult {
  deliveries: number;
  /** Rows that could not be routed, with the reason (recorded on the outbox row). */
  unroutable: { id: string; reason: string }[];
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const PHONE = /^\+?[0-9-]{5,20}$/;

/**
 * Turns outbox rows into deliveries: one per channel and recipient. The audience in the payload names people
 * (users, an office's staff by role, the supervisors above a region, outside e-mail addresses and phone numbers);
 * each user's channel choices (or the topic's defaults) decide how they hear of it; partner webhooks subscribed
 * to the topic are added. Runs inside the relay's transaction.
 */
@Injectable()
export class NotificationRouter {
  private readonly logger = new Logger(NotificationRouter.name);

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async route(rows: OutboxRow[]): Promise<RouteResult> {
    const planned: NewDelivery[] = [];
    const unroutable: RouteResult['unroutable'] = [];
    const subscribers = new Map<string, string[]>();
    for (const row of rows) {
      const problem = this.check(row);
      if (problem) {
        unroutable.push({ id: row.id, reason: problem });
        continue;
      }
      const topic = row.topic as TopicName;
      const payload = row.payload as unknown as NotificationPayload;
      const users = await this.expand(payload.to);
      const channels = await this.channelsFor(users, topic);
      for (const user of users) {
        for (const channel of channels.get(user) ?? []) {
          planned.push({ outboxId: row.id, topic, channel, recipient: `user:${user}` });
        }
      }
      for (const email of new Set(payload.to.emails ?? [])) {
        if (EMAIL.test(email))
          planned.push({ outboxId: row.id, topic, channel: 'email', recipient: `email:${email}` });
      }
      for (const phone of new Set(payload.to.phones ?? [])) {
        if (PHONE.test(phone))
          planned.push({ outboxId: row.id, topic, channel: 'sms', recipient: `sms:${phone}` });
      }
      if (!subscribers.has(topic)) subscribers.set(topic, await this.webhookSubscribers(topic));
      for (const endpoint of subscribers.get(topic)!) {
        planned.push({ outboxId: row.id, topic, channel: 'webhook', recipient: `webhook:${endpoint}` });
      }
    }
    for (const u of unroutable)
      this.logger.warn({ outboxId: u.id, reason: u.reason }, 'outbox row not routable');
    return { deliveries: await this.deliveries.insertMany(planned), unroutable };
  }

  private check(row: OutboxRow): string | null {
    if (!isTopic(row.topic)) return `unknown topic "${row.topic}"`;
    const p = row.payload as Partial<NotificationPayload>;
    if (!p || typeof p !== 'object' || !p.to || typeof p.to !== 'object')
      return 'payload has no audience ("to")';
    if (!p.title?.zh || !p.title?.en) return 'payload has no title in both languages';
    return null;
  }

  /** Active user ids named by the audience, without duplicates. */
  private async expand(to: Audience): Promise<string[]> {
    const ids = new Set<string>();
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const named = (to.users ?? []).filter((u) => uuid.test(u));
    const officeId = to.office && uuid.test(to.office.id) ? to.office.id : null;
    const ancestors =
      to.supervisorsOf && /^\d{6}$/.test(to.supervisorsOf) ? regionAncestors(to.supervisorsOf) : [];
    if (!named.length && !officeId && !ancestors.length) return [];
    const rows: { id: string }[] = await this.txHost.tx.query(
      `SELECT u.id FROM users u WHERE u.active AND u.id = ANY($1::uuid[])
       UNION
       SELECT u.id FROM users u WHERE u.active AND u.office_id = $2::uuid AND u.roles && $3::text[]
       UNION
       SELECT u.id FROM users u JOIN offices o ON o.id = u.office_id
        WHERE u.active AND 'supervisor' = ANY(u.roles) AND o.region_code = ANY($4::text[])`,
      [named, officeId, to.office?.roles ?? [], ancestors],
    );
    for (const r of rows) ids.add(r.id);
    return [...ids].sort();
  }

  /** Each user's channels for the topic: their choice, else the topic's defaults (one query for all). */
  private async channelsFor(users: string[], topic: TopicName): Promise<Map<string, PersonalChannel[]>> {
    const result = new Map<string, PersonalChannel[]>(
      users.map((u) => [u, [...TOPICS[topic].defaultChannels]]),
    );
    if (!users.length) return result;
    const rows: { user_id: string; channels: PersonalChannel[] }[] = await this.txHost.tx.query(
      `SELECT user_id, channels FROM notification_preferences WHERE topic = $1 AND user_id = ANY($2::uuid[])`,
      [topic, users],
    );
    for (const r of rows) result.set(r.user_id, r.channels);
    return result;
  }

  private async webhookSubscribers(topic: TopicName): Promise<string[]> {
    const rows: { id: string }[] = await this.txHost.tx.query(
      `SELECT id FROM webhook_endpoints WHERE active AND $1 = ANY(topics) ORDER BY id`,
      [topic],
    );
    return rows.map((r) => r.id);
  }
}

/** The region itself and the regions above it (county → city → province). */
function regionAncestors(code: string): string[] {
  const list = [code, cityOf(code), provinceOf(code)].filter((c): c is string => !!c);
  return [...new Set(list)];
}
