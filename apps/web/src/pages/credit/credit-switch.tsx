import { Segmented } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../i18n';

export type CreditSection = 'listings' | 'publications';

const PATHS: Record<CreditSection, string> = { listings: '/credit', publications: '/credit/publications' };

/**
 * The two halves of 信用公示: the serious-dishonesty listings (/credit) and the decided cases' publications
 * (/credit/publications). A radio group: one Tab stop, arrow keys switch.
 */
export function CreditSwitch({ current }: { current: CreditSection }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Segmented<CreditSection>
      className="credit-switch"
      value={current}
      name="credit-section"
      aria-label={t('credit.switch.label')}
      tabIndex={-1}
      onChange={(section) => navigate(PATHS[section])}
      options={[
        { value: 'listings', label: t('credit.switch.listings') },
        { value: 'publications', label: t('credit.switch.publications') },
      ]}
    />
  );
}
