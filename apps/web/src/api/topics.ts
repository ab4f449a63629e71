/**
 * Notification topics with their names, mirroring `TOPICS` in libs/contracts/src/notifications.ts (the web app does
 * not import server code). Add a topic here when one is added there; a topic the server knows and this list does
 * not is still shown, by its code.
 */
import type { Lang } from '../i18n';

export interface TopicInfo {
  name: string;
  zh: string;
  en: string;
}

export const TOPICS: readonly TopicInfo[] = [
  { name: 'notification.test', zh: '测试通知', en: 'Test notification' },
  { name: 'deadline.due_soon', zh: '期限即将届满', en: 'Deadline approaching' },
  { name: 'deadline.overdue', zh: '已超期', en: 'Deadline passed' },
  { name: 'deadline.escalated', zh: '超期督办', en: 'Overdue item escalated' },
];

/** The topic's name in the UI language, or its code when this list does not know it. */
export function topicLabel(name: string, lang: Lang): string {
  const topic = TOPICS.find((t) => t.name === name);
  if (!topic) return name;
  return lang === 'en' ? topic.en : topic.zh;
}
