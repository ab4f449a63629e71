import { Button, Card, Descriptions, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { casesApi } from '../../api/cases';
import type { ApiError } from '../../api/http';
import type { AvailableAction } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { CaseFlags, CaseStatusTag, SupervisedTag } from '../../components/case-status-tag';
import { ConflictAlert, DetailPending, useDetail } from '../../components/detail-page';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { caseNumber } from '../../lib/case-format';
import { useCatalog } from '../../lib/use-catalog';
import { useUrlQuery } from '../../lib/use-url-query';
import { ActionDialog } from './action-dialog';
import { actionLabel, orderActions } from './case-actions';
import { CaseDeadlines } from './case-deadlines';
import { DocumentsTab } from './documents-tab';
import { EvidenceTab } from './evidence-tab';
import { OfficersEditor } from './officers-editor';
import { OverviewTab } from './overview-tab';
import { PartiesTab } from './parties-tab';
import { ReferralDialog } from './referral-dialog';
import { ReferralsTab } from './referrals-tab';
import { RightsTab } from './rights-tab';
import { SupervisionDialog } from './supervision-dialog';
import { SupervisionPanel } from './supervision-panel';
import { TimelineTab } from './timeline-tab';

const TABS = ['overview', 'parties', 'rights', 'evidence', 'timeline', 'documents', 'referrals'] as const;
type TabKey = (typeof TABS)[number];

/**
 * One case: header (number, title, state, flags, office, running time limits with their reasons), the actions the
 * server says the user may take now (with 移送 to refer it and, for supervisors, 督办), the supervision panel when
 * it is supervised, and tabs for the facts, parties, rights, evidence, history, documents and referrals.
 * Every change answers with the fresh case, which replaces the page's copy; a 409 reloads it.
 */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const { catalog, label } = useCatalog();
  const { hasAnyRole } = useAuth();
  const url = useUrlQuery();
  const tabParam = url.get('tab') as TabKey | undefined;
  const tab: TabKey = tabParam && TABS.includes(tabParam) ? tabParam : 'overview';

  const { loaded, current, conflict, clearConflict, changed, conflicted } = useDetail(id, casesApi.get);
  const [acting, setActing] = useState<AvailableAction | null>(null);
  const [officersOpen, setOfficersOpen] = useState(false);
  const [evidenceTick, setEvidenceTick] = useState(0);
  const [referring, setReferring] = useState(false);
  const [supervising, setSupervising] = useState(false);

  const setTab = (key: TabKey) => url.update({ tab: key === 'overview' ? undefined : key });

  const onConflict = (error: ApiError) => {
    setActing(null);
    setOfficersOpen(false);
    conflicted(error);
  };

  if (!current) {
    return (
      <DetailPending
        title={t('cases.detail')}
        error={loaded.error}
        listPath="/cases"
        listLabel={t('cases.backToList')}
      />
    );
  }

  const number = caseNumber(current);
  const open = catalog?.states.find((s) => s.code === current.status)?.open ?? false;
  // the server says whether the user may edit, add evidence and notes (not only whether an action is open now)
  const mayAct = current.canAct;
  const canEdit = mayAct && open;
  const buttons = orderActions(current.actions);
  // the handling office may refer the case while it may act on it; the server checks the rest
  const mayRefer = buttons.length > 0 && hasAnyRole(['officer', 'supervisor']);
  // a supervisor above the handling office may supervise it (the server decides and says why not)
  const maySupervise = open && !current.supervised && hasAnyRole(['supervisor']);

  return (
    <PageContainer
      title={number}
      current={number}
      extra={
        buttons.length || maySupervise ? (
          <Space wrap role="group" aria-label={t('cases.actions')}>
            {buttons.map(({ action, style }) => (
              <Button
                key={action.action}
                type={style === 'primary' ? 'primary' : 'default'}
                danger={style === 'danger'}
                onClick={() => setActing(action)}
              >
                {actionLabel(action, lang)}
              </Button>
            ))}
            {mayRefer ? (
              <Button onClick={() => setReferring(true)}>{t('referrals.refer.button')}</Button>
            ) : null}
            {maySupervise ? (
              <Button onClick={() => setSupervising(true)}>{t('supervision.start')}</Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      <Card className="case-header">
        <div className="case-title-row">
          <Typography.Text strong className="case-title">
            {current.title}
          </Typography.Text>
          <CaseStatusTag status={current.status} testId="case-status" />
          <SupervisedTag supervised={current.supervised} />
          <CaseFlags
            major={current.major}
            repeatInfringer={current.repeatInfringer}
            online={current.online}
          />
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'ip', label: t('cases.col.ipType'), children: label('ipTypes', current.ipType) },
            {
              key: 'proc',
              label: t('cases.col.procedure'),
              children: label('procedures', current.procedure),
            },
            { key: 'office', label: t('cases.col.office'), children: current.officeName },
            { key: 'recv', label: t('cases.col.receivedOn'), children: current.receivedOn },
          ]}
        />
        <Typography.Title level={2} className="section-title">
          {t('cases.deadlines')}
        </Typography.Title>
        <CaseDeadlines deadlines={current.deadlines} />
        {!mayAct ? (
          <Typography.Paragraph type="secondary" className="case-readonly">
            {t('cases.readOnly')}
          </Typography.Paragraph>
        ) : null}
      </Card>

      <SupervisionPanel
        caseId={current.id}
        supervised={current.supervised}
        refreshKey={String(current.version)}
        onCaseChanged={loaded.reload}
      />

      <ConflictAlert conflict={conflict} staleText={t('cases.stale')} onClose={clearConflict} />

      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as TabKey)}
          items={[
            {
              key: 'overview',
              label: t('cases.tab.overview'),
              children: (
                <OverviewTab
                  detail={current}
                  canEdit={canEdit}
                  onEditOfficers={() => setOfficersOpen(true)}
                />
              ),
            },
            {
              key: 'parties',
              label: t('cases.tab.partiesCount', { count: current.parties.length }),
              children: (
                <PartiesTab detail={current} canEdit={canEdit} onChanged={changed} onConflict={onConflict} />
              ),
            },
            {
              key: 'rights',
              label: t('cases.tab.rightsCount', { count: current.rights.length }),
              children: (
                <RightsTab detail={current} canEdit={canEdit} onChanged={changed} onConflict={onConflict} />
              ),
            },
            {
              key: 'evidence',
              label: t('cases.tab.evidenceCount', { count: current.evidenceCount }),
              children: (
                <EvidenceTab
                  caseId={current.id}
                  canUpload={mayAct && current.status !== 'archived'}
                  onUploaded={() => {
                    setEvidenceTick((n) => n + 1);
                    loaded.reload();
                  }}
                />
              ),
            },
            {
              key: 'timeline',
              label: t('cases.tab.timeline'),
              children: (
                <TimelineTab
                  caseId={current.id}
                  refreshKey={`${current.version}-${evidenceTick}`}
                  canNote={mayAct}
                />
              ),
            },
            {
              key: 'documents',
              label: t('cases.tab.documentsCount', { count: current.documents.length }),
              children: <DocumentsTab detail={current} />,
            },
            {
              key: 'referrals',
              label: t('referrals.case.tab'),
              children: <ReferralsTab caseId={current.id} refreshKey={String(current.version)} />,
            },
          ]}
        />
      </Card>

      <ActionDialog
        detail={current}
        action={acting}
        onClose={() => setActing(null)}
        onDone={(updated) => {
          setActing(null);
          changed(updated);
        }}
        onConflict={onConflict}
        onShowOfficers={() => {
          setTab('overview');
          if (canEdit) setOfficersOpen(true);
          else window.setTimeout(() => document.getElementById('case-officers')?.focus(), 0);
        }}
      />
      <ReferralDialog detail={current} open={referring} onClose={() => setReferring(false)} />
      <SupervisionDialog
        caseId={current.id}
        mode={supervising ? 'start' : null}
        onClose={() => setSupervising(false)}
        onDone={() => {
          setSupervising(false);
          loaded.reload();
        }}
      />
      <OfficersEditor
        open={officersOpen}
        detail={current}
        onClose={() => setOfficersOpen(false)}
        onSaved={(updated) => {
          setOfficersOpen(false);
          changed(updated);
        }}
        onConflict={onConflict}
      />
    </PageContainer>
  );
}
