import type { KeyboardEvent } from 'react';

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** Whether the browser's Tab would stop on `el` (one radio per group: the checked one, else the first). */
function isTabStop(el: HTMLElement): boolean {
  if (el.tabIndex < 0 || (el.offsetParent === null && getComputedStyle(el).position !== 'fixed'))
    return false;
  if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
    const group = [
      ...document.querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(el.name)}"]`),
    ];
    const checked = group.find((r) => r.checked);
    return checked ? checked === el : group[0] === el;
  }
  return true;
}

/** Moves the focus to the next (or previous) tab stop after `from`, as the Tab key would. */
export function focusNext(from: HTMLElement, backwards: boolean): void {
  const stops = [...document.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el === from || isTabStop(el),
  );
  const i = stops.indexOf(from);
  if (i < 0) return;
  stops[backwards ? i - 1 : i + 1]?.focus();
}

/**
 * Tab in an antd Select whose dropdown is open — or closing: rc-select closes it a macrotask after a pick, so a
 * quick Enter + Tab lands there too — picks the highlighted option and keeps the focus (it prevents the default).
 * For the operator, Tab means "take it and go on": after the pick, move the focus as Tab would. Put on a container.
 */
export function tabOutOfSelect(e: KeyboardEvent<HTMLElement>): void {
  const target = e.target as HTMLElement;
  if (e.key !== 'Tab' || !e.nativeEvent.defaultPrevented || !target.closest('.ant-select')) return;
  focusNext(target, e.shiftKey);
}
