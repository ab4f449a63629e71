import { Tag } from 'antd';
import type { Bilingual } from '../api/types';
import { useLang } from '../i18n';
import { bilingual } from '../lib/use-catalog';
import { useReferralCatalog } from '../lib/use-referral-catalog';

/** Preset tag colours (dark text on a light tint); the label always carries the meaning. */
const COLORS: Record<string, string> = {
  proposed: 'gold',
  approved: 'cyan',
  sent: 'blue',
  received: 'geekblue',
  accepted: 'purple',
  answered: 'green',
  returned: 'orange',
  escalated: 'magenta',
  police_filed: 'volcano',
  police_refused: 'orange',
  reconsideration: 'magenta',
  reconsideration_refused: 'orange',
  closed: 'default',
  designated: 'default',
  refused: 'default',
  withdrawn: 'default',
  procuratorate: 'default',
};

/** A referral's state as a tag, labelled by the server's `stateLabel` (else the catalog's). */
export function ReferralStateTag({
  state,
  label,
  testId,
}: {
  state: string;
  label?: Bilingual;
  testId?: string;
}) {
  const { lang } = useLang();
  const catalog = useReferralCatalog();
  return (
    <Tag color={COLORS[state] ?? 'default'} data-testid={testId} data-state={state}>
      {label ? bilingual(label, lang) : catalog.label('states', state)}
    </Tag>
  );
}
