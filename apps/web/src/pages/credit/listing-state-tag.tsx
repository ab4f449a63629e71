import { Tag } from 'antd';
import type { ListingState, ListingSummary } from '../../api/types';
import { useLang } from '../../i18n';
import { bilingual } from '../../lib/use-catalog';

/** Preset tag colours: waiting on the office (gold), on the subject (blue), on a head (purple), public (red). */
const COLORS: Record<ListingState, string> = {
  proposed: 'gold',
  notified: 'blue',
  defended: 'purple',
  lapsed: 'purple',
  published: 'red',
  rejected: 'default',
  withdrawn: 'default',
  expired: 'default',
  repaired: 'green',
  revoked: 'default',
};

/** A listing's state as a tag, in the words the server sent with it. */
export function ListingStateTag({
  listing: { state, stateLabel },
  testId,
}: {
  listing: Pick<ListingSummary, 'state' | 'stateLabel'>;
  testId?: string;
}) {
  const { lang } = useLang();
  return (
    <Tag color={COLORS[state]} data-testid={testId} data-state={state}>
      {bilingual(stateLabel, lang)}
    </Tag>
  );
}

/** The subject's identifier: an enterprise's credit code, an individual's resident ID. */
export function subjectCode(subject: ListingSummary['subject']): string {
  return subject.uscc ?? subject.idNumber ?? '';
}
