import { Tag } from 'antd';
import type { CaseDeadline } from '../api/types';
import { useT } from '../i18n';
import { dueDate, dueState } from '../lib/case-format';

/**
 * The next due date of a case in a list: the date and the working days the server counted to it on its calendar
 * (`workingDaysLeft`): "还剩 N 个工作日", orange from three working days down to the last day, red "已超期 N 个工作日"
 * once it has passed (the words carry the meaning, the colour only repeats it).
 */
export function DueCell({
  dueAt,
  workingDaysLeft,
}: {
  dueAt: string | null;
  workingDaysLeft?: number | null;
}) {
  const t = useT();
  if (!dueAt) return <span className="muted">{t('common.none')}</span>;
  const state = dueState(dueAt, workingDaysLeft);
  const left = workingDaysLeft ?? null;
  let tag = null;
  if (state === 'overdue') {
    tag = (
      <Tag color="red" data-testid="due-overdue">
        {left !== null && left < 0 ? t('cases.due.overdueBy', { days: -left }) : t('cases.due.overdue')}
      </Tag>
    );
  } else if (left !== null) {
    tag = (
      <Tag color={state === 'soon' ? 'orange' : 'blue'} data-testid="due-left">
        {left === 0 ? t('cases.due.today') : t('cases.due.left', { days: left })}
      </Tag>
    );
  }
  return (
    <span className="due-cell">
      <time dateTime={dueAt}>{dueDate(dueAt)}</time>
      {tag}
    </span>
  );
}

/** Where a time limit of the case stands: working days left, overdue, paused, met or cancelled. */
export function DeadlineBadge({ deadline }: { deadline: CaseDeadline }) {
  const t = useT();
  if (deadline.status === 'met') return <Tag color="green">{t('cases.deadline.met')}</Tag>;
  if (deadline.status === 'cancelled') return <Tag>{t('cases.deadline.cancelled')}</Tag>;
  if (deadline.suspendedSince) {
    return <Tag color="orange">{t('cases.deadline.paused', { date: deadline.suspendedSince })}</Tag>;
  }
  const left = deadline.workingDaysLeft;
  if (left === null) return null;
  // A party's window (a defence period) that has run out is not the office's delay: it simply ended.
  if (left < 0 && deadline.actor === 'party') return <Tag>{t('cases.deadline.lapsed')}</Tag>;
  if (left < 0) return <Tag color="red">{t('cases.deadline.overdue', { days: -left })}</Tag>;
  if (left === 0) return <Tag color="orange">{t('cases.deadline.today')}</Tag>;
  return <Tag color={left <= 3 ? 'orange' : 'blue'}>{t('cases.deadline.left', { days: left })}</Tag>;
}
