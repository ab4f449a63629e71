/**
 * Name a checkbox / radio group for screen readers. antd passes these attributes to the group's <div> but does
 * not declare them in its props, and a <label for> cannot name a <div>.
 */
export function groupLabel(label: string, role: 'group' | 'radiogroup' = 'group'): object {
  return { role, 'aria-label': label };
}
