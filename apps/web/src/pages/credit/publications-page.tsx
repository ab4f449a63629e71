import { Tabs, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { creditApi } from '../../api/credit';
import type { ApiError } from '../../api/http';
import {
  PUBLICATION_STATES,
  type Publication,
  type PublicationActionOption,
  type PublicationState,
} from '../../api/types';
import { ConflictAlert } from '../../components/detail-page';
import { ListCard, useUrlPagination } from '../../components/list-controls';
import { useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { useAsync } from '../../lib/use-async';
import { useUrlQuery } from '../../lib/use-url-query';
import { CreditSwitch } from './credit-switch';
import { PublicationActionDialog } from './publication-action-dialog';
import { PublicationActionButtons, PublicationDates } from './publication-parts';
import { PublicationStateTag } from './publication-state-tag';
import './credit.css';

/**
 * 决定公示 (案件信息公示): the decided cases' summaries of the reader's offices (a supervisor: of the region) by
 * state — to publish (the most urgent, overdue ones first), published, ended — each row with the steps the server
 * says the reader may take: publish; withdraw or stop early, with a reason. State and paging live in the URL.
 */
export default function PublicationsPage() {
  const t = useT();
  const url = useUrlQuery();
  const stateParam = url.get('state') as PublicationState | undefined;
  const state: PublicationState =
    stateParam && PUBLICATION_STATES.includes(stateParam) ? stateParam : 'pending';
  const paging = useUrlPagination(url, 20);
  const { page, pageSize } = paging;
  const list = useAsync((signal) => creditApi.publications({ state, page, pageSize }, signal), [url.key]);
  const [acting, setActing] = useState<{ publication: Publication; action: PublicationActionOption } | null>(
    null,
  );
  const [conflict, setConflict] = useState<ApiError | null>(null);

  const done = () => {
    setActing(null);
    setConflict(null);
    list.reload();
  };
  const refused = (error: ApiError) => {
    setActing(null);
    setConflict(error);
    list.reload();
  };

  const columns: TableColumnsType<Publication> = [
    {
      title: t('credit.publication.decisionNo'),
      key: 'decision',
      fixed: 'left',
      render: (_, p) => (
        <div>
          <Link to={`/credit/publications/${p.id}`} className="case-number">
            {p.decisionNo}
          </Link>
          <div className="muted">{p.decidedOn}</div>
        </div>
      ),
    },
    {
      title: t('credit.publication.party'),
      key: 'party',
      render: (_, p) => (
        <div>
          <div>{p.partyName}</div>
          {p.partyUscc ? <div className="mono muted">{p.partyUscc}</div> : null}
        </div>
      ),
    },
    {
      title: t('credit.publication.summary'),
      key: 'summary',
      render: (_, p) => (
        <div>
          <Typography.Text ellipsis={{ tooltip: p.violation }} style={{ maxWidth: 280 }}>
            {p.violation}
          </Typography.Text>
          <div className="muted">{p.penalty}</div>
        </div>
      ),
    },
    {
      title: t('credit.publication.case'),
      key: 'case',
      render: (_, p) => (
        <Link to={`/cases/${p.caseId}`} className="mono">
          {p.caseNo ?? t('credit.field.openCase')}
        </Link>
      ),
    },
    {
      title: t('common.status'),
      key: 'state',
      render: (_, p) => <PublicationStateTag publication={p} />,
    },
    {
      title: t('credit.col.dates'),
      key: 'dates',
      render: (_, p) => <PublicationDates publication={p} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, p) => (
        <PublicationActionButtons
          publication={p}
          size="small"
          label={p.decisionNo}
          onAct={(action) => setActing({ publication: p, action })}
        />
      ),
    },
  ];

  return (
    <PageContainer title={t('nav.credit')}>
      <CreditSwitch current="publications" />
      <Tabs
        className="credit-tabs"
        activeKey={state}
        onChange={(key) => url.update({ state: key === 'pending' ? undefined : key })}
        items={PUBLICATION_STATES.map((key) => ({
          key,
          label: (
            <span data-testid={`publication-tab-${key}`}>
              {t(`credit.publication.state.${key}`)}
              {list.data?.counts ? <span className="credit-tab-count">{list.data.counts[key]}</span> : null}
            </span>
          ),
        }))}
      />
      <ListCard<Publication>
        list={list}
        paging={paging}
        columns={columns}
        rowClassName={(p) => (p.overdue ? 'publication-overdue' : '')}
        emptyText={t(`credit.publication.empty.${state}`)}
        notice={
          <ConflictAlert
            conflict={conflict}
            staleText={t('credit.publication.stale')}
            onClose={() => setConflict(null)}
          />
        }
      />
      <PublicationActionDialog
        publication={acting?.publication ?? null}
        action={acting?.action ?? null}
        onClose={() => setActing(null)}
        onDone={done}
        onConflict={refused}
      />
    </PageContainer>
  );
}
