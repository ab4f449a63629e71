import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Empty, Timeline } from 'antd';
import { Link } from 'react-router-dom';
import { evidenceApi } from '../../api/cases';
import type { ReferralDetail } from '../../api/types';
import { ReferralStateTag } from '../../components/referral-state-tag';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useCatalog } from '../../lib/use-catalog';
import { useReferralCatalog } from '../../lib/use-referral-catalog';

/** 办理记录: every step of the referral, oldest first, with who took it and the state it moved to. */
export function ReferralEvents({ detail }: { detail: ReferralDetail }) {
  const t = useT();
  const { label } = useReferralCatalog();
  if (!detail.events.length) return <Empty description={t('referrals.events.empty')} />;
  return (
    <div data-testid="referral-events" role="region" aria-label={t('referrals.section.events')}>
      <Timeline
        items={detail.events.map((e, i) => ({
          key: `${e.at}-${i}`,
          color: i === detail.events.length - 1 ? 'blue' : 'gray',
          content: (
            <div className="timeline-entry" data-action={e.action}>
              <div>
                <time dateTime={e.at} className="muted">
                  {formatDateTime(e.at)}
                </time>
                {e.actorName ? <span className="timeline-actor">{e.actorName}</span> : null}
                {e.officeName ? <span className="muted"> · {e.officeName}</span> : null}
              </div>
              <div className="referral-event-summary">
                {e.action === 'create' ? t('referrals.events.create') : label('actions', e.action)}
                {e.fromState
                  ? t('referrals.events.moves', {
                      from: label('states', e.fromState),
                      to: label('states', e.toState),
                    })
                  : t('referrals.events.starts', { to: label('states', e.toState) })}
              </div>
              {e.reason ? <div className="pre-wrap">{e.reason}</div> : null}
              {e.documentDate ? (
                <div className="muted">{t('referrals.events.documentDate', { date: e.documentDate })}</div>
              ) : null}
            </div>
          ),
        }))}
      />
    </div>
  );
}

/** The evidence of the case shared with the receiving office (the only items it may open). */
export function ReferralEvidenceList({ detail }: { detail: ReferralDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const { label } = useCatalog();
  const caseId = detail.case.id;
  if (!detail.evidence.length) return <Empty description={t('referrals.evidence.none')} />;
  return (
    <ul className="plain-list" data-testid="referral-evidence">
      {detail.evidence.map((e) => (
        <li key={e.id}>
          <span>{e.title}</span> <span className="muted">{label('evidenceKinds', e.kind)}</span>{' '}
          <span className="mono muted" title={e.sha256}>
            SHA-256 {e.sha256.slice(0, 12)}…
          </span>
          {caseId ? (
            <Button
              type="link"
              size="small"
              icon={<DownloadOutlined aria-hidden />}
              aria-label={t('referrals.evidence.download', { title: e.title })}
              onClick={() =>
                evidenceApi
                  .download(caseId, { id: e.id, fileName: e.title })
                  .catch((err: unknown) => message.error(err instanceof Error ? err.message : String(err)))
              }
            >
              {t('cases.download')}
            </Button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The other referrals of a joint action (one per participating office). */
export function ReferralGroup({ detail }: { detail: ReferralDetail }) {
  return (
    <ul className="plain-list" data-testid="referral-group">
      {detail.group.map((g) => (
        <li key={g.id}>
          <Link to={`/referrals/${g.id}`} className="mono">
            {g.referralNo}
          </Link>{' '}
          <span>{g.to.name}</span> <ReferralStateTag state={g.state} />
        </li>
      ))}
    </ul>
  );
}
