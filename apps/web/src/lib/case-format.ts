import type { CaseSort, CaseSummary } from '../api/types';
import { shanghaiDate } from './format';

/** The case's number: the filing number once filed, before that the registration number `DJ…`. */
export function caseNumber(c: Pick<CaseSummary, 'caseNo' | 'regNo'>): string {
  return c.caseNo ?? `DJ${c.regNo}`;
}

export type DueState = 'overdue' | 'soon' | 'running';

/**
 * Where the next due date of a listed case stands, from the working days the server counted on its calendar
 * (`workingDaysLeft`, negative when overdue): overdue once the due instant has passed, "soon" within
 * {@link DUE_SOON_WORKING_DAYS} working days (0 = due today), otherwise running.
 */
export function dueState(
  dueAt: string,
  workingDaysLeft: number | null | undefined,
  now = Date.now(),
): DueState {
  // an hour-based limit may pass during its last day, while 0 working days are left
  if (new Date(dueAt).getTime() < now || (workingDaysLeft ?? 0) < 0) return 'overdue';
  if (workingDaysLeft === null || workingDaysLeft === undefined) return 'running';
  return workingDaysLeft <= DUE_SOON_WORKING_DAYS ? 'soon' : 'running';
}

/** The civil date (Asia/Shanghai) of a due instant. */
export function dueDate(dueAt: string): string {
  return shanghaiDate(new Date(dueAt));
}

/** `YYYY-MM-DD` of an ISO instant or date in Asia/Shanghai; `—` for none. */
export function civilDate(value: string | null | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : shanghaiDate(d);
}

/** `1.2 MB` style sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let n = bytes / 1024;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(n < 10 ? 1 : 0)} ${units[i]}`;
}

/** 即将到期: an office deadline within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;

/**
 * The list's due filter (`?due=` in its URL): `overdue` an office deadline has passed (`overdue=true`); `soon` one
 * falls within {@link DUE_SOON_WORKING_DAYS} working days and none has passed (`dueWithinDays=3&overdue=false`);
 * `notOverdue` none has passed (`overdue=false`).
 */
export type DueFilter = 'overdue' | 'soon' | 'notOverdue';
export const DUE_FILTERS: readonly DueFilter[] = ['overdue', 'soon', 'notOverdue'];

/** The API's filters for a due filter of the list. */
export function dueQuery(due: DueFilter | undefined): { overdue?: boolean; dueWithinDays?: number } {
  if (due === 'overdue') return { overdue: true };
  if (due === 'soon') return { overdue: false, dueWithinDays: DUE_SOON_WORKING_DAYS };
  if (due === 'notOverdue') return { overdue: false };
  return {};
}

/** A link to the case list with these filters (the list keeps its filters in the URL query). */
export function caseListHref(filter: {
  mine?: boolean;
  status?: readonly string[];
  due?: DueFilter;
  sort?: CaseSort;
}): string {
  const params = new URLSearchParams();
  if (filter.mine) params.set('mine', '1');
  if (filter.status?.length) params.set('status', filter.status.join(','));
  if (filter.due) params.set('due', filter.due);
  if (filter.sort) params.set('sort', filter.sort);
  const qs = params.toString();
  return `/cases${qs ? `?${qs}` : ''}`;
}
