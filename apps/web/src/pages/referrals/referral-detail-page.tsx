import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import type { ApiError } from '../../api/http';
import { referralsApi } from '../../api/referrals';
import type { AvailableReferralAction } from '../../api/types';
import { ConflictAlert, DetailPending, useDetail } from '../../components/detail-page';
import { ReferralStateTag } from '../../components/referral-state-tag';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { bilingual } from '../../lib/use-catalog';
import { ReferralActionDialog } from './referral-action-dialog';
import { CriminalFacts, ReferralHeaderFacts, ReferralMatter } from './referral-facts';
import { ReferralEvents, ReferralEvidenceList, ReferralGroup } from './referral-lists';
import './referrals.css';

/** Steps that take a referral back or out of its course: shown as danger buttons, last. */
const EXITS = ['refuse', 'withdraw', 'return', 'police_refuse', 'reconsideration_refused'];

/**
 * One referral: its number, kind and state; the offices, the case or complaint, what is asked and why; the time
 * limit running now with its source; the shared evidence (none goes with a complaint), the other members of a
 * joint action and every step taken. The buttons are the steps the server says the reader may take now; each
 * opens one dialog asking what the step requires. Every step answers with the fresh referral; a 409 reloads it
 * and says why.
 */
export default function ReferralDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const { loaded, current, conflict, clearConflict, changed, conflicted } = useDetail(id, referralsApi.get);
  const [acting, setActing] = useState<AvailableReferralAction | null>(null);

  if (!current) {
    return (
      <DetailPending
        title={t('referrals.detail')}
        error={loaded.error}
        listPath="/referrals"
        listLabel={t('referrals.backToList')}
      />
    );
  }

  const r = current;
  const actions = [...r.actions].sort(
    (a, b) => Number(EXITS.includes(a.action)) - Number(EXITS.includes(b.action)),
  );
  const primary = actions.find((a) => !EXITS.includes(a.action));

  return (
    <PageContainer
      title={r.referralNo}
      current={r.referralNo}
      extra={
        actions.length ? (
          <Space wrap role="group" aria-label={t('referrals.actions')}>
            {actions.map((a) => (
              <Button
                key={a.action}
                type={a === primary ? 'primary' : 'default'}
                danger={EXITS.includes(a.action)}
                onClick={() => setActing(a)}
              >
                {bilingual(a.label, lang) || a.action}
              </Button>
            ))}
          </Space>
        ) : null
      }
    >
      <Card className="case-header">
        <div className="case-title-row">
          <Typography.Text strong className="case-title" data-testid="referral-kind">
            {bilingual(r.kindLabel, lang)}
          </Typography.Text>
          <ReferralStateTag state={r.state} label={r.stateLabel} testId="referral-state" />
        </div>
        <ReferralHeaderFacts detail={r} />
      </Card>

      <ConflictAlert conflict={conflict} staleText={t('referrals.stale')} onClose={clearConflict} />

      <div className="referral-sections">
        <Card
          title={<h2 className="card-heading">{t('referrals.section.matter')}</h2>}
          className="referral-full"
        >
          <ReferralMatter detail={r} />
        </Card>
        {r.kind === 'criminal' ? (
          <Card
            title={<h2 className="card-heading">{t('referrals.section.criminal')}</h2>}
            className="referral-full"
          >
            <CriminalFacts detail={r} />
          </Card>
        ) : null}
        {r.complaint ? null : (
          <Card
            title={<h2 className="card-heading">{t('referrals.section.evidence')}</h2>}
            className={r.group.length ? undefined : 'referral-full'}
          >
            <ReferralEvidenceList detail={r} />
          </Card>
        )}
        {r.group.length ? (
          <Card title={<h2 className="card-heading">{t('referrals.section.group')}</h2>}>
            <ReferralGroup detail={r} />
          </Card>
        ) : null}
        <Card
          title={<h2 className="card-heading">{t('referrals.section.events')}</h2>}
          className="referral-full"
        >
          <ReferralEvents detail={r} />
        </Card>
      </div>

      <ReferralActionDialog
        detail={r}
        action={acting}
        onClose={() => setActing(null)}
        onDone={(updated) => {
          setActing(null);
          changed(updated);
        }}
        onConflict={(error: ApiError) => {
          setActing(null);
          conflicted(error);
        }}
      />
    </PageContainer>
  );
}
