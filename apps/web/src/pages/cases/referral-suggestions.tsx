import { Alert, Button, Space } from 'antd';
import { referralsApi } from '../../api/referrals';
import type { SuggestedOffice } from '../../api/types';
import { useLang, useT } from '../../i18n';
import { useAsync } from '../../lib/use-async';
import { bilingual } from '../../lib/use-catalog';

/** What is referred: a case or a complaint (each has its own suggestions endpoint). */
type Subject = { caseId: string; complaintId?: never } | { complaintId: string; caseId?: never };

type Props = Subject & {
  /** fills the receiving office (and, for a case, the county) from a suggestion */
  onPick: (suggestion: SuggestedOffice) => void;
};

/**
 * 建议管辖机关: the offices other than the handling one that have jurisdiction by the rule of the IP type of the
 * case or complaint (place of infringement, the respondent's domicile, an online merchant's place of business),
 * one click to choose.
 */
export function ReferralSuggestions({ caseId, complaintId, onPick }: Props) {
  const t = useT();
  const { lang } = useLang();
  const loaded = useAsync(
    (signal) =>
      complaintId
        ? referralsApi.complaintSuggestions(complaintId, signal)
        : referralsApi.suggestions(caseId!, signal),
    [caseId, complaintId],
  );
  const others = (loaded.data?.offices ?? []).filter((o) => !o.current);
  if (!others.length) return null;
  return (
    <Alert
      className="form-alert"
      type="info"
      showIcon
      title={t('referrals.suggest.title')}
      description={
        <div>
          {loaded.data?.rule ? (
            <div className="muted">{t('referrals.suggest.rule', { source: loaded.data.rule.source })}</div>
          ) : null}
          <Space orientation="vertical" size={4}>
            {others.map((s) => (
              <Button
                key={`${s.office.id}-${s.regionCode}`}
                type="link"
                size="small"
                onClick={() => onPick(s)}
              >
                {s.office.name}
                {s.regionName ? `（${s.regionName}）` : ''}
                {s.bases.length ? ` · ${s.bases.map((b) => bilingual(b, lang)).join('、')}` : ''}
              </Button>
            ))}
          </Space>
        </div>
      }
    />
  );
}
