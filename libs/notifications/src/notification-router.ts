import {
  isTopic,
  type Audience,
  type NotificationPayload,
  type PersonalChannel,
  type TopicName,
} from '@app/contracts';
import { cityOf, provinceOf } from '@app/domain';
import type { OutboxRow } from '@app/outbox';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { DeliveryRepository, NewDelivery } from './delivery.repository';
import { NotificationPreferenceService } from './preferences/notification-preference.service';
import { WebhookEndpointService } from './webhooks/webhook-endpoint.service';

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
    private readonly preferences: NotificationPreferenceService,
    private readonly webhooks: WebhookEndpointService,
  ) {}

  async route(rows: OutboxRow[]): Promise<RouteResult> {
    const planned: NewDelivery[] = [];
    const unroutable: RouteResult['unroutable'] = [];
    const subscribers = new Map<string, string[]>();
    // Within a batch many rows share an audience (a sweep, a bulk notice): expand each once.
    const recipients = new Map<string, Promise<Map<string, PersonalChannel[]>>>();
    for (const row of rows) {
      const problem = this.check(row);
      if (problem) {
        unroutable.push({ id: row.id, reason: problem });
        continue;
      }
      const topic = row.topic as TopicName;
      const payload = row.payload as unknown as NotificationPayload;
      const key = `${topic}\u0000${JSON.stringify(payload.to)}`;
      if (!recipients.has(key))
        recipients.set(
          key,
          this.expand(payload.to).then((u) => this.preferences.channelsFor(u, topic)),
        );
      const channels = await recipients.get(key)!;
      for (const [user, list] of channels) {
        for (const channel of list) {
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
      if (!subscribers.has(topic)) {
        subscribers.set(
          topic,
          (await this.webhooks.subscribersOf(topic)).map((e) => e.id),
        );
      }
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
}

/** The region itself and the regions above it (county → city → province). */
function regionAncestors(code: string): string[] {
  const list = [code, cityOf(code), provinceOf(code)].filter((c): c is string => !!c);
  return [...new Set(list)];
}
