import type { AvailableAction } from '../../api/types';
import type { Lang } from '../../i18n';
import { bilingual } from '../../lib/use-catalog';

/** The steps that move a case forward, in workflow order: the first one available is the primary button. */
const FORWARD = [
  'file',
  'resume',
  'end_hearing',
  'serve_notice',
  'record_statement',
  'serve',
  'notify',
  'decide',
  'serve_decision',
  'execute',
  'close',
  'archive',
];

/** Ways out of the normal course (refusal to file): shown as danger buttons, last. */
const EXITS = ['not_file'];

export type ActionStyle = 'primary' | 'default' | 'danger';

export function actionLabel(action: AvailableAction, lang: Lang): string {
  return bilingual(action.label, lang) || action.action;
}

/** The buttons in display order with their style: the main forward step first, exits last. */
export function orderActions(actions: AvailableAction[]): { action: AvailableAction; style: ActionStyle }[] {
  const rank = (a: AvailableAction) => {
    const forward = FORWARD.indexOf(a.action);
    if (forward >= 0) return forward;
    return EXITS.includes(a.action) ? 1000 + EXITS.indexOf(a.action) : 500;
  };
  const sorted = [...actions].sort((a, b) => rank(a) - rank(b));
  const primary = sorted.find((a) => FORWARD.includes(a.action));
  return sorted.map((action) => ({
    action,
    style: action === primary ? 'primary' : EXITS.includes(action.action) ? 'danger' : 'default',
  }));
}
