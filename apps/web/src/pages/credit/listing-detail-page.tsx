import { Button, Card, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { creditApi } from '../../api/credit';
import type { ApiError } from '../../api/http';
import type { AvailableListingAction, ListingAction, ListingDetail } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { ConflictAlert, DetailPending, useDetail } from '../../components/detail-page';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { shanghaiDate } from '../../lib/format';
import { bilingual } from '../../lib/use-catalog';
import { ListingActionDialog } from './listing-action-dialog';
import { ListingPapers } from './listing-papers';
import { ListingEvents, ListingFacts, ListingPeriods, ListingRepairs } from './listing-sections';
import { ListingStateTag, subjectCode } from './listing-state-tag';
import { RepairDialog } from './repair-dialog';
import './credit.css';

/** Steps that end the listing or refuse what was asked: danger buttons, last. */
const EXITS: readonly ListingAction[] = ['withdraw', 'reject', 'refuse_repair', 'revoke'];

/**
 * One listing: the subject, the ground with its list and source, the legal basis, the decision, the office; the
 * notice, defence window, review and publication period; repair applications, the papers (the statement's and
 * the repair materials: uploaded here, downloaded with the token) and every step taken. The buttons
 * are the steps the server says the reader may take now, each opening one dialog built from what it requires, and
 * 信用修复申请 while it is published. Every step answers with the fresh listing; a 409 reloads it and says why.
 */
export default function ListingDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const { hasAnyRole } = useAuth();
  const { loaded, current, conflict, clearConflict, changed, conflicted } = useDetail(id, creditApi.get);
  const [acting, setActing] = useState<AvailableListingAction | null>(null);
  const [repairing, setRepairing] = useState(false);

  if (!current) {
    return (
      <DetailPending
        title={t('credit.detail')}
        error={loaded.error}
        listPath="/credit"
        listLabel={t('credit.backToList')}
      />
    );
  }

  const l = current;
  const actions = [...l.actions].sort(
    (a, b) => Number(EXITS.includes(a.action)) - Number(EXITS.includes(b.action)),
  );
  const primary = actions.find((a) => !EXITS.includes(a.action));
  const pendingRepair = l.repairs.some((r) => r.state === 'pending');
  const mayApply = l.state === 'published' && !pendingRepair && hasAnyRole(['officer', 'supervisor']);
  const tooEarly = !!l.repairFrom && shanghaiDate() < l.repairFrom;

  const done = (updated: ListingDetail) => {
    setActing(null);
    setRepairing(false);
    changed(updated);
  };
  const refused = (error: ApiError) => {
    setActing(null);
    setRepairing(false);
    conflicted(error);
  };

  return (
    <PageContainer
      title={l.listingNo}
      current={l.listingNo}
      extra={
        actions.length || mayApply ? (
          <Space wrap role="group" aria-label={t('credit.actions')}>
            {mayApply ? (
              <Tooltip
                title={tooEarly ? t('credit.repair.tooEarly', { from: l.repairFrom ?? '' }) : undefined}
              >
                <Button disabled={tooEarly} onClick={() => setRepairing(true)}>
                  {t('credit.repair.button')}
                </Button>
              </Tooltip>
            ) : null}
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
          <Typography.Text strong className="case-title" data-testid="listing-subject">
            {l.subject.name}
          </Typography.Text>
          <span className="mono muted">{subjectCode(l.subject)}</span>
          <ListingStateTag listing={l} testId="listing-state" />
        </div>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {bilingual(l.groundLabel, lang)} · {l.decisionNo} · {l.office.name}
        </Typography.Paragraph>
      </Card>

      <ConflictAlert conflict={conflict} staleText={t('credit.stale')} onClose={clearConflict} />

      <div className="credit-sections">
        <Card title={<h2 className="card-heading">{t('credit.section.facts')}</h2>}>
          <ListingFacts detail={l} />
        </Card>
        <Card title={<h2 className="card-heading">{t('credit.section.periods')}</h2>}>
          <ListingPeriods detail={l} />
        </Card>
        {l.repairs.length || l.state === 'published' ? (
          <Card title={<h2 className="card-heading">{t('credit.section.repairs')}</h2>}>
            <ListingRepairs detail={l} />
          </Card>
        ) : null}
        <ListingPapers detail={l} onUploaded={loaded.reload} onConflict={refused} />
        <Card title={<h2 className="card-heading">{t('credit.section.events')}</h2>} className="credit-full">
          <ListingEvents detail={l} />
        </Card>
      </div>

      <ListingActionDialog
        detail={l}
        action={acting}
        onClose={() => setActing(null)}
        onDone={done}
        onConflict={refused}
      />
      <RepairDialog
        detail={l}
        open={repairing}
        onClose={() => setRepairing(false)}
        onDone={done}
        onConflict={refused}
      />
    </PageContainer>
  );
}
