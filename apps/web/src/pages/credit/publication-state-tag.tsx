import { Tag } from 'antd';
import type { Publication, PublicationState } from '../../api/types';
import { useLang } from '../../i18n';
import { bilingual } from '../../lib/use-catalog';

/** Preset tag colours: waiting on the office (gold), public now (blue), ended (grey). */
const COLORS: Record<PublicationState, string> = {
  pending: 'gold',
  published: 'blue',
  expired: 'default',
  withdrawn: 'default',
  stopped: 'default',
};

/** A publication's state as a tag, in the words the server sent with it. */
export function PublicationStateTag({
  publication: { state, stateLabel },
  testId,
}: {
  publication: Pick<Publication, 'state' | 'stateLabel'>;
  testId?: string;
}) {
  const { lang } = useLang();
  return (
    <Tag color={COLORS[state]} data-testid={testId} data-state={state}>
      {bilingual(stateLabel, lang)}
    </Tag>
  );
}
