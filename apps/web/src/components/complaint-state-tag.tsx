import { Tag } from 'antd';

/** Preset tag colours (dark text on a light tint); the label always carries the meaning. */
const COLORS: Record<string, string> = {
  received: 'cyan',
  triaged: 'blue',
  accepted: 'geekblue',
  not_accepted: 'default',
  transferred: 'purple',
  answered: 'green',
  converted: 'green',
  merged: 'default',
  closed: 'default',
};

interface Props {
  state: string;
  /** the state's name in the UI language: the staff catalog's, or the public pages' dictionary entry */
  label: string;
  testId?: string;
}

/** A complaint's state as a tag, on the staff pages and the public tracking page alike. */
export function ComplaintStateTag({ state, label, testId }: Props) {
  return (
    <Tag color={COLORS[state] ?? 'default'} data-testid={testId} data-state={state}>
      {label}
    </Tag>
  );
}
