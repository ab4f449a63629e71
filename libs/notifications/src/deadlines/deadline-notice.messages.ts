import type { Audience, NotificationPayload } from '@app/contracts';
import { shanghaiDate } from '@app/domain';
import type { OutboxMessage } from '@app/outbox';
import type { TrackedDeadline } from './deadline-source';
import { DEADLINE_TOPIC, type DeadlineNoticeKind, type DeadlineStatus } from './deadline.rules';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** The due instant in Asia/Shanghai: the date, plus the time unless the deadline is the end of the day. */
export function formatDue(dueAt: Date): { zh: string; en: string } {
  const local = new Date(dueAt.getTime() + OFFSET_MS);
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const endOfDay = local.getUTCHours() === 23 && local.getUTCMinutes() === 59;
  const time = endOfDay
    ? ''
    : `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return {
    zh: `${y}年${m}月${d}日${time ? ` ${time}` : ''}`,
    en: `${d} ${MONTHS_EN[m - 1]} ${y}${time ? `, ${time}` : ''}`,
  };
}

const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;

/** Who hears of a notice: the assignees (or, with nobody assigned, the office's officers); escalations add the region's supervisors. */
export function deadlineAudience(item: TrackedDeadline, kind: DeadlineNoticeKind): Audience {
  const assignees = [...new Set(item.assignees)];
  const handlers: Audience = assignees.length
    ? { users: assignees }
    : { office: { id: item.officeId, roles: ['officer'] } };
  return kind === 'escalated' ? { supervisorsOf: item.regionCode, ...handlers } : handlers;
}

/** The outbox message of one notice, with zh-CN and English text. */
export function deadlineNoticeMessage(
  source: string,
  item: TrackedDeadline,
  kind: DeadlineNoticeKind,
  status: DeadlineStatus,
): OutboxMessage {
  const due = formatDue(item.dueAt);
  const t = item.title;
  const n = status.workingDaysOverdue;
  let title: NotificationPayload['title'];
  let body: NotificationPayload['body'];
  switch (kind) {
    case 'due_soon': {
      const left = status.workingDaysLeft;
      title = { zh: `期限将至：${t.zh}`, en: `Deadline approaching: ${t.en}` };
      body =
        left > 0
          ? {
              zh: `「${t.zh}」将于 ${due.zh} 届满，还剩 ${left} 个工作日。`,
              en: `"${t.en}" is due on ${due.en}, ${days(left)} from today.`,
            }
          : { zh: `「${t.zh}」将于今天（${due.zh}）届满。`, en: `"${t.en}" is due today (${due.en}).` };
      break;
    }
    case 'overdue':
      title = { zh: `已超期：${t.zh}`, en: `Overdue: ${t.en}` };
      body = {
        zh: `「${t.zh}」已于 ${due.zh} 届满，${n > 0 ? `已超期 ${n} 个工作日` : '已超期'}，请尽快办理。`,
        en: `"${t.en}" was due on ${due.en} and is ${n > 0 ? `${days(n)} overdue` : 'now overdue'}. Please act on it now.`,
      };
      break;
    case 'escalated':
      title = { zh: `超期督办：${t.zh}`, en: `Escalated, overdue: ${t.en}` };
      body = {
        zh: `「${t.zh}」已于 ${due.zh} 届满，已超期 ${n} 个工作日，现提请上级督办。`,
        en: `"${t.en}" was due on ${due.en} and is ${days(n)} overdue; it has been escalated to the supervisors.`,
      };
      break;
  }
  const payload: NotificationPayload = {
    to: deadlineAudience(item, kind),
    title,
    body,
    ...(item.link ? { link: item.link } : {}),
    data: {
      source,
      itemId: item.itemId,
      deadlineKey: item.deadlineKey,
      kind,
      dueAt: item.dueAt.toISOString(),
      dueDate: shanghaiDate(item.dueAt),
      officeId: item.officeId,
      regionCode: item.regionCode,
      ...(kind === 'due_soon'
        ? { workingDaysLeft: status.workingDaysLeft }
        : { workingDaysOverdue: status.workingDaysOverdue }),
    },
  };
  return { topic: DEADLINE_TOPIC[kind], payload };
}
