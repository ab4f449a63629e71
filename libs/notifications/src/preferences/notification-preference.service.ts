import { AuditWriter } from '@app/audit';
import {
  type Actor,
  isTopic,
  PERSONAL_CHANNELS,
  type PersonalChannel,
  TOPIC_NAMES,
  TOPICS,
  type TopicName,
} from '@app/contracts';
import { DomainError } from '@app/domain';
import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';

/** One topic as the settings page shows it. */
export interface TopicPreference {
  topic: TopicName;
  names: { zh: string; en: string };
  defaultChannels: PersonalChannel[];
  /** What the user gets: their choice, or the defaults. */
  channels: PersonalChannel[];
  /** True when the user has chosen (a row exists), false when the defaults apply. */
  custom: boolean;
}

const isPersonalChannel = (c: unknown): c is PersonalChannel =>
  typeof c === 'string' && (PERSONAL_CHANNELS as readonly string[]).includes(c);

/** Channels in the registry's order, without duplicates. */
const normalize = (channels: readonly PersonalChannel[]): PersonalChannel[] =>
  PERSONAL_CHANNELS.filter((c) => channels.includes(c));

/**
 * Which channels (in-app inbox, e-mail, SMS) a user wants per topic. A user without a row for a topic gets the
 * topic's `defaultChannels` (TOPICS in @app/contracts); an empty list mutes the topic. Webhooks are not personal and
 * are not chosen here.
 */
@Injectable()
export class NotificationPreferenceService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditWriter,
  ) {}

  /** The user's channels for a topic. */
  async effectiveChannels(userId: string, topic: TopicName): Promise<PersonalChannel[]> {
    return (await this.channelsFor([userId], topic)).get(userId) ?? [...TOPICS[topic].defaultChannels];
  }

  /**
   * Each user's channels for a topic, in one query (the router calls it for all recipients of an outbox row).
   * Every given user id is a key of the result. Runs in the ambient transaction when there is one.
   */
  async channelsFor(userIds: readonly string[], topic: TopicName): Promise<Map<string, PersonalChannel[]>> {
    const defaults = TOPICS[topic].defaultChannels;
    const result = new Map<string, PersonalChannel[]>(userIds.map((u) => [u, [...defaults]]));
    if (!userIds.length) return result;
    const rows = (await this.txHost.tx.query(
      `SELECT user_id, channels FROM notification_preferences WHERE topic = $1 AND user_id = ANY($2::uuid[])`,
      [topic, [...new Set(userIds)]],
    )) as { user_id: string; channels: string[] }[];
    // uuids come back lower-case; answer under the caller's spelling
    const chosen = new Map(rows.map((r) => [r.user_id, normalize(r.channels.filter(isPersonalChannel))]));
    for (const u of userIds) {
      const c = chosen.get(u.toLowerCase());
      if (c) result.set(u, [...c]);
    }
    return result;
  }

  /** Every topic with its names, defaults and the actor's choice, in registry order. */
  async list(actor: Actor): Promise<TopicPreference[]> {
    const rows = (await this.txHost.tx.query(
      `SELECT topic, channels FROM notification_preferences WHERE user_id = $1::uuid`,
      [actor.id],
    )) as { topic: string; channels: string[] }[];
    const chosen = new Map(rows.map((r) => [r.topic, normalize(r.channels.filter(isPersonalChannel))]));
    return TOPIC_NAMES.map((topic) => {
      const def = TOPICS[topic];
      const own = chosen.get(topic);
      return {
        topic,
        names: { zh: def.zh, en: def.en },
        defaultChannels: [...def.defaultChannels],
        channels: own ?? [...def.defaultChannels],
        custom: own !== undefined,
      };
    });
  }

  /** Sets the actor's channels for a topic (`[]` mutes it); audited on the user's stream. */
  @Transactional()
  async set(actor: Actor, topic: string, channels: readonly string[]): Promise<TopicPreference> {
    if (!isTopic(topic)) throw new DomainError('NOT_FOUND', `No notification topic "${topic}"`);
    if (!Array.isArray(channels)) throw invalidChannels(channels);
    const bad = channels.filter((c) => !isPersonalChannel(c));
    if (bad.length) throw invalidChannels(bad);
    const next = normalize(channels as PersonalChannel[]);
    const [previous] = (await this.txHost.tx.query(
      `SELECT channels FROM notification_preferences WHERE user_id = $1::uuid AND topic = $2 FOR UPDATE`,
      [actor.id, topic],
    )) as { channels: string[] }[];
    await this.txHost.tx.query(
      `INSERT INTO notification_preferences (user_id, topic, channels, updated_at) VALUES ($1::uuid, $2, $3::text[], now())
       ON CONFLICT (user_id, topic) DO UPDATE SET channels = EXCLUDED.channels, updated_at = now()`,
      [actor.id, topic, next],
    );
    await this.audit.record(actor, {
      action: 'notification_preference.set',
      entityType: 'user',
      entityId: actor.id,
      data: { topic, channels: next, previous: previous ? previous.channels : null },
    });
    const def = TOPICS[topic];
    return {
      topic,
      names: { zh: def.zh, en: def.en },
      defaultChannels: [...def.defaultChannels],
      channels: next,
      custom: true,
    };
  }
}

function invalidChannels(bad: unknown): DomainError {
  const allowed = PERSONAL_CHANNELS.join(', ');
  return new DomainError('VALIDATION_FAILED', `channels must be a list of: ${allowed}`, {
    errors: [
      {
        field: 'channels',
        code: 'isIn',
        message: `channels must be a list of: ${allowed} (got ${JSON.stringify(bad)})`,
        messageZh: `接收方式只能是站内消息（inbox）、电子邮件（email）或短信（sms）`,
      },
    ],
  });
}
