import { Alert, Button, Card, Descriptions, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { casesApi } from '../../api/cases';
import type { ApiError } from '../../api/http';
import type { AvailableAction, CaseDetail } from '../../api/types';
import { CaseFlags, CaseStatusTag } from '../../components/case-status-tag';
import { ProblemAlert } from '../../components/problem-alert';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { caseNumber } from '../../lib/case-format';
import { readableDetail } from '../../lib/problem-text';
import { useAsync } from '../../lib/use-async';
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
import { RightsTab } from './rights-tab';
import { TimelineTab } from './timeline-tab';

const TABS = ['overview', 'parties', 'rights', 'evidence', 'timeline', 'documents'] as const;
type TabKey = (typeof TABS)[number];

/**
 * One case: header (number, title, state, flags, office, running time limits with their reasons), the actions the
 * server says the user may take now, and tabs for the facts, parties, rights, evidence, history and documents.
 * Every change answers with the fresh case, which replaces the page's copy; a 409 reloads it.
 */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { lang } = useLang();
  const { catalog, label } = useCatalog();
  const url = useUrlQuery();
  const tabParam = url.get('tab') as TabKey | undefined;
  const tab: TabKey = tabParam && TABS.includes(tabParam) ? tabParam : 'overview';

  const loaded = useAsync((signal) => casesApi.get(id, signal), [id]);
  const [detail, setDetail] = useState<CaseDetail>();
  const [acting, setActing] = useState<AvailableAction | null>(null);
  const [officersOpen, setOfficersOpen] = useState(false);
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [evidenceTick, setEvidenceTick] = useState(0);

  useEffect(() => {
    if (loaded.data) setDetail(loaded.data);
  }, [loaded.data]);

  const current = detail?.id === id ? detail : undefined;

  const setTab = (key: TabKey) => url.update({ tab: key === 'overview' ? undefined : key });

  const changed = (updated: CaseDetail) => {
    setConflict(null);
    setDetail(updated);
  };

  const onConflict = (error: ApiError) => {
    setActing(null);
    setOfficersOpen(false);
    setConflict(error);
    loaded.reload();
  };

  if (!current) {
    return (
      <PageContainer title={t('cases.detail')} current={t('cases.detail')}>
        {loaded.error ? (
          <Card>
            <ProblemAlert className="table-alert" error={loaded.error} />
            <Link to="/cases">{t('cases.backToList')}</Link>
          </Card>
        ) : (
          <div className="page-loading" role="status">
            <Spin />
            <span className="sr-only">{t('common.loading')}</span>
          </div>
        )}
      </PageContainer>
    );
  }

  const number = caseNumber(current);
  const open = catalog?.states.find((s) => s.code === current.status)?.open ?? false;
  // the server says whether the user may edit, add evidence and notes (not only whether an action is open now)
  const mayAct = current.canAct;
  const canEdit = mayAct && open;
  const buttons = orderActions(current.actions);

  return (
    <PageContainer
      title={number}
      current={number}
      extra={
        buttons.length ? (
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

      {conflict ? (
        <Alert
          className="case-conflict"
          type="warning"
          showIcon
          role="alert"
          title={conflict.code === 'STALE_VERSION' ? t('cases.stale') : conflict.problem.title}
          description={conflict.code === 'STALE_VERSION' ? undefined : readableDetail(conflict.problem, lang)}
          closable={{ onClose: () => setConflict(null) }}
        />
      ) : null}

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
