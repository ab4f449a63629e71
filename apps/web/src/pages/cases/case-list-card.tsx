import { Card, Empty, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { casesApi } from '../../api/cases';
import type { CaseListQuery } from '../../api/types';
import { CaseStatusTag, SupervisedTag } from '../../components/case-status-tag';
import { DueCell } from '../../components/deadline-badge';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { caseNumber } from '../../lib/case-format';
import { useAsync } from '../../lib/use-async';

interface Props {
  title: string;
  /** null while the query cannot be built yet (e.g. waiting for the catalog) */
  query: CaseListQuery | null;
  /** the full list with the same filters */
  moreHref: string;
  emptyText: string;
  testId?: string;
  size?: number;
}

/** A workbench card: a few cases of a list (mine, due soon, overdue), each one click from its page. */
export function CaseListCard({ title, query, moreHref, emptyText, testId, size = 6 }: Props) {
  const t = useT();
  const key = JSON.stringify(query);
  const list = useAsync(
    (signal) =>
      query ? casesApi.list({ ...query, page: 1, pageSize: size }, signal) : Promise.resolve(null),
    [key, size],
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total;
  const headingId = `card-${testId ?? title}`;

  return (
    <Card
      title={
        <span id={headingId}>
          {title}
          {total !== undefined ? <span className="card-count">{t('common.total', { total })}</span> : null}
        </span>
      }
      extra={
        <Link to={moreHref}>
          {t('workbench.viewAll')}
          <span className="sr-only">：{title}</span>
        </Link>
      }
      data-testid={testId}
      className="workbench-card"
    >
      <ProblemAlert className="table-alert" error={list.error} />
      <Spin spinning={list.loading && !list.data}>
        {items.length === 0 && !list.loading ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        ) : (
          <ul className="case-mini-list" aria-labelledby={headingId}>
            {items.map((c) => (
              <li key={c.id}>
                <div className="case-mini-main">
                  <Link to={`/cases/${c.id}`}>{caseNumber(c)}</Link>
                  <Typography.Text ellipsis={{ tooltip: c.title }} className="case-mini-title">
                    {c.title}
                  </Typography.Text>
                </div>
                <div className="case-mini-meta">
                  <CaseStatusTag status={c.status} />
                  <SupervisedTag supervised={c.supervised} />
                  <DueCell dueAt={c.nextDueAt} workingDaysLeft={c.workingDaysLeft} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Spin>
    </Card>
  );
}
