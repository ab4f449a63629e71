import { Card, Descriptions, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { creditApi } from '../../api/credit';
import type { ApiError } from '../../api/http';
import type { Publication, PublicationActionOption } from '../../api/types';
import { ConflictAlert, DetailPending, useDetail } from '../../components/detail-page';
import { RegionName } from '../../components/region-name';
import { useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { useCatalog } from '../../lib/use-catalog';
import { PublicationActionDialog } from './publication-action-dialog';
import { PublicationActionButtons, PublicationDates } from './publication-parts';
import { PublicationStateTag } from './publication-state-tag';
import './credit.css';

/**
 * One decision publication (where a notification about it leads): the summary as the public sees it, the case it
 * comes from, the deadline to publish and the period, and the steps the reader may take now.
 */
export default function PublicationDetailPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { label } = useCatalog();
  const { loaded, current, conflict, clearConflict, changed, conflicted } = useDetail(
    id,
    creditApi.publication,
  );
  const [acting, setActing] = useState<PublicationActionOption | null>(null);

  if (!current) {
    return (
      <DetailPending
        title={t('credit.publication.detail')}
        error={loaded.error}
        listPath="/credit/publications"
        listLabel={t('credit.publication.backToList')}
      />
    );
  }
  const p = current;
  const done = (updated: Publication) => {
    setActing(null);
    changed(updated);
  };
  const refused = (error: ApiError) => {
    setActing(null);
    conflicted(error);
  };

  return (
    <PageContainer
      title={p.decisionNo}
      current={p.decisionNo}
      extra={
        p.actions.length ? (
          <Space wrap role="group" aria-label={t('credit.publication.actions')}>
            <PublicationActionButtons publication={p} onAct={setActing} />
          </Space>
        ) : null
      }
    >
      <Card className="case-header">
        <div className="case-title-row">
          <Typography.Text strong className="case-title">
            {p.partyName}
          </Typography.Text>
          {p.partyUscc ? <span className="mono muted">{p.partyUscc}</span> : null}
          <PublicationStateTag publication={p} testId="publication-state" />
        </div>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('credit.switch.publications')} · {p.office.name}
        </Typography.Paragraph>
      </Card>

      <ConflictAlert conflict={conflict} staleText={t('credit.publication.stale')} onClose={clearConflict} />

      <div className="credit-sections">
        <Card title={<h2 className="card-heading">{t('credit.publication.section.summary')}</h2>}>
          <Descriptions
            size="small"
            column={1}
            data-testid="publication-facts"
            items={[
              {
                key: 'decision',
                label: t('credit.publication.decisionNo'),
                children: t('credit.field.decisionText', { no: p.decisionNo, date: p.decidedOn }),
              },
              {
                key: 'kind',
                label: t('credit.field.subjectKind'),
                children: t(`credit.subjectKind.${p.partyKind}`),
              },
              { key: 'party', label: t('credit.publication.party'), children: p.partyName },
              ...(p.partyUscc
                ? [
                    {
                      key: 'uscc',
                      label: t('credit.field.uscc'),
                      children: <span className="mono">{p.partyUscc}</span>,
                    },
                  ]
                : []),
              { key: 'violation', label: t('credit.publication.violation'), children: p.violation },
              { key: 'penalty', label: t('credit.publication.penalty'), children: p.penalty },
              { key: 'office', label: t('credit.field.office'), children: p.office.name },
              {
                key: 'region',
                label: t('credit.field.region'),
                children: <RegionName code={p.regionCode} />,
              },
              { key: 'ipType', label: t('cases.field.ipType'), children: label('ipTypes', p.ipType) },
            ]}
          />
        </Card>
        <Card title={<h2 className="card-heading">{t('credit.publication.section.period')}</h2>}>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'case',
                label: t('credit.publication.case'),
                children: (
                  <Link to={`/cases/${p.caseId}`} className="mono">
                    {p.caseNo ?? t('credit.field.openCase')}
                  </Link>
                ),
              },
              {
                key: 'outcome',
                label: t('credit.publication.outcome'),
                children: label('outcomes', p.outcome),
              },
              {
                key: 'months',
                label: t('credit.publication.periodMonths'),
                children: t('credit.publication.months', { months: p.periodMonths }),
              },
              {
                key: 'dates',
                label: t(p.state === 'pending' ? 'credit.publication.dueAt' : 'credit.field.publishPeriod'),
                children: <PublicationDates publication={p} labelled={false} />,
              },
            ]}
          />
        </Card>
      </div>

      <PublicationActionDialog
        publication={p}
        action={acting}
        onClose={() => setActing(null)}
        onDone={done}
        onConflict={refused}
      />
    </PageContainer>
  );
}
