import { Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { inboxApi, type InboxMessage } from '../api/inbox';
import { useAuth, useMe } from '../auth/auth-context';
import { appPath } from '../components/inbox-bell';
import { ProblemAlert } from '../components/problem-alert';
import { RoleTags } from '../components/role-tags';
import { useLang, useT } from '../i18n';
import { NAV } from '../layout/nav';
import { PageContainer } from '../layout/page-container';
import { caseListHref, dueQuery, DUE_SOON_WORKING_DAYS } from '../lib/case-format';
import { formatDateTime } from '../lib/format';
import { useAsync } from '../lib/use-async';
import { useCatalog } from '../lib/use-catalog';
import { CaseListCard } from './cases/case-list-card';

/** The latest messages of the inbox, each opening its link (and marked read). */
function InboxCard() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const list = useAsync((signal) => inboxApi.list({ page: 1, pageSize: 5 }, signal), [lang]);

  const open = async (m: InboxMessage) => {
    if (!m.readAt) await inboxApi.markRead(m.id).catch(() => undefined);
    const target = appPath(m.link);
    if (target) navigate(target);
    else list.reload();
  };

  const items = list.data?.items ?? [];
  return (
    <Card
      title={<span id="card-inbox">{t('workbench.inbox')}</span>}
      extra={<Link to="/inbox">{t('inbox.viewAll')}</Link>}
      data-testid="workbench-inbox"
      className="workbench-card"
    >
      <ProblemAlert className="table-alert" error={list.error} />
      <Spin spinning={list.loading && !list.data}>
        {items.length === 0 && !list.loading ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
        ) : (
          <ul className="case-mini-list" aria-labelledby="card-inbox">
            {items.map((m) => (
              <li key={m.id}>
                <div className="case-mini-main">
                  <Button
                    type="link"
                    className="link-button"
                    style={{ fontWeight: m.readAt ? 400 : 600 }}
                    onClick={() => void open(m)}
                  >
                    {m.title}
                  </Button>
                  {m.readAt ? null : <Tag color="blue">{t('inbox.unread')}</Tag>}
                </div>
                <div className="muted">
                  <time dateTime={m.createdAt}>{formatDateTime(m.createdAt)}</time>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Spin>
    </Card>
  );
}

/** The officer's cases at a glance: mine (open), due within three working days, overdue. */
function CaseCards() {
  const t = useT();
  const { catalog } = useCatalog();
  const openStates = catalog?.states.filter((s) => s.open).map((s) => s.code);
  return (
    <>
      <Col xs={24} xl={8}>
        <CaseListCard
          testId="workbench-mine"
          title={t('workbench.myCases')}
          query={openStates ? { mine: true, status: openStates, sort: 'due_asc' } : null}
          moreHref={caseListHref({ mine: true, status: openStates, sort: 'due_asc' })}
          emptyText={t('workbench.myCasesEmpty')}
        />
      </Col>
      <Col xs={24} xl={8}>
        <CaseListCard
          testId="workbench-due-soon"
          title={t('workbench.dueSoon', { days: DUE_SOON_WORKING_DAYS })}
          // due within three working days and not overdue (the overdue ones have their own card)
          query={{ ...dueQuery('soon'), sort: 'due_asc' }}
          moreHref={caseListHref({ due: 'soon', sort: 'due_asc' })}
          emptyText={t('workbench.dueSoonEmpty')}
        />
      </Col>
      <Col xs={24} xl={8}>
        <CaseListCard
          testId="workbench-overdue"
          title={t('workbench.overdue')}
          query={{ ...dueQuery('overdue'), sort: 'due_asc' }}
          moreHref={caseListHref({ due: 'overdue', sort: 'due_asc' })}
          emptyText={t('workbench.overdueEmpty')}
        />
      </Col>
    </>
  );
}

/** 工作台: everyone's landing page; officers and supervisors see their cases and deadlines first. */
export default function WorkbenchPage() {
  const t = useT();
  const me = useMe();
  const { hasAnyRole } = useAuth();
  const navigate = useNavigate();
  const handlesCases = hasAnyRole(['officer', 'supervisor']);
  const shortcuts = NAV.filter((e) => e.path !== '/workbench' && !e.children && hasAnyRole(e.roles));

  return (
    <PageContainer title={t('nav.workbench')}>
      <Row gutter={[16, 16]}>
        {handlesCases ? <CaseCards /> : null}
        <Col xs={24} xl={handlesCases ? 12 : 10}>
          <Card title={t('workbench.welcome', { name: me.displayName })}>
            <Descriptions column={1} size="small" aria-label={t('workbench.profile')}>
              <Descriptions.Item label={t('workbench.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('workbench.roles')}>
                <RoleTags roles={me.roles} />
              </Descriptions.Item>
              <Descriptions.Item label={t('workbench.office')}>
                <span data-testid="workbench-office">{me.office.name}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('workbench.region')}>
                <span data-testid="workbench-region">{me.region.name}</span>（{me.region.code}）
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={handlesCases ? 12 : 14}>
          <InboxCard />
        </Col>
        <Col span={24}>
          <Card title={t('workbench.shortcuts')}>
            <Space wrap>
              {shortcuts.map((entry) => (
                <Button key={entry.path} icon={entry.icon} onClick={() => navigate(entry.path)}>
                  {t(entry.labelKey)}
                </Button>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
