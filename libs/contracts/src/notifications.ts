import type { Role } from './roles';

/** Delivery channels. `webhook` goes to partner systems; the others reach people. */
export const CHANNELS = ['inbox', 'email', 'webhook', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
export const PERSONAL_CHANNELS = ['inbox', 'email', 'sms'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

export interface TopicDefinition {
  zh: string;
  en: string;
  /** Channels a user gets when they have not chosen (notification_preferences). */
  defaultChannels: PersonalChannel[];
}

/**
 * Every topic an outbox row may carry. Contexts add theirs here; an unknown topic is refused when written.
 * Names are stable strings (queued rows refer to them).
 */
export const TOPICS = {
  'notification.test': { zh: '测试通知', en: 'Test notification', defaultChannels: ['inbox'] },
  'deadline.due_soon': {
    zh: '期限即将届满',
    en: 'Deadline approaching',
    defaultChannels: ['inbox', 'email'],
  },
  'deadline.overdue': { zh: '已超期', en: 'Deadline passed', defaultChannels: ['inbox', 'email'] },
  'deadline.escalated': { zh: '超期督办', en: 'Overdue item escalated', defaultChannels: ['inbox', 'email'] },
  'case.assigned': { zh: '案件指派', en: 'Case assigned to you', defaultChannels: ['inbox'] },
  // Every workflow step, for partner systems (webhooks) and statistics; people opt in to an inbox copy.
  'case.transitioned': { zh: '案件办理进展', en: 'Case progress', defaultChannels: [] },
  'complaint.received': {
    zh: '新投诉工单',
    en: 'New complaint routed to your office',
    defaultChannels: ['inbox'],
  },
  // To the complainant (SMS / e-mail addresses in the audience): the decision on their complaint.
  'complaint.decided': { zh: '工单处理结果', en: 'Outcome of a complaint', defaultChannels: [] },
  'complaint.callback_due': {
    zh: '待回访工单',
    en: 'Complaint closed: call the complainant back',
    defaultChannels: ['inbox'],
  },
  'case.referred': {
    zh: '案件移送',
    en: 'Case referred to your office',
    defaultChannels: ['inbox', 'email'],
  },
  // Every referral step, to the other side's office and to partner systems (webhooks; JSON in README "Referrals").
  'referral.changed': { zh: '移送协作进展', en: 'Referral progress', defaultChannels: ['inbox'] },
  // Joint supervision (督办): marked, a progress report filed, a report overdue.
  'case.supervision': { zh: '案件督办', en: 'Case supervision', defaultChannels: ['inbox'] },
  // Every credit-listing step (proposed, notice served, reviewed, published, removed), to the deciding office and
  // to partner systems (credit agencies subscribe by webhook).
  'credit.changed': { zh: '信用公示进展', en: 'Credit listing progress', defaultChannels: ['inbox'] },
} as const satisfies Record<string, TopicDefinition>;

export type TopicName = keyof typeof TOPICS;
export const TOPIC_NAMES = Object.keys(TOPICS) as TopicName[];
export const isTopic = (t: string): t is TopicName => Object.prototype.hasOwnProperty.call(TOPICS, t);

/** Text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * Who a notification is for. The producer knows its context (the case's officers, the office, the region);
 * the router turns this into users and applies each user's channel choices. Partner webhooks subscribed to the
 * topic are added by the router.
 */
export interface Audience {
  users?: string[];
  /** Every active user of the office who has one of these roles. */
  office?: { id: string; roles: Role[] };
  /** Supervisors whose region contains this region code (escalations go up the tree). */
  supervisorsOf?: string;
  /** People without an account (a complainant): e-mail addresses and phone numbers. */
  emails?: string[];
  phones?: string[];
}

/** The payload of a notification outbox row. */
export interface NotificationPayload {
  to: Audience;
  title: Bilingual;
  body: Bilingual;
  /** Path in the web app, e.g. /cases/123. */
  link?: string;
  /** Structured facts for templates and webhooks (ids, dates). */
  data?: Record<string, unknown>;
}
