import type { OfficeRef } from '../api/types';
import { useT } from '../i18n';

/** 杭州市…局 → 南京市…局 on two lines (office names are long). */
export function ReferralRoute({ from, to }: { from: OfficeRef; to: OfficeRef }) {
  const t = useT();
  return (
    <div className="referral-route">
      <div>{from.name}</div>
      <div>
        <span aria-hidden>→ </span>
        <span className="sr-only">{t('referrals.to')}</span>
        {to.name}
      </div>
    </div>
  );
}
