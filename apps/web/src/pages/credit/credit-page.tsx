import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Tabs, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { creditApi } from '../../api/credit';
import { LISTING_QUEUES, type ListingCounts, type ListingQueue, type ListingSummary } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { DueCell } from '../../components/deadline-badge';
import { FilterCard, ListCard, useUrlPagination } from '../../components/list-controls';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { useAsync } from '../../lib/use-async';
import { bilingual } from '../../lib/use-catalog';
import { useUrlQuery } from '../../lib/use-url-query';
import { CreditSwitch } from './credit-switch';
import { ListingStateTag, subjectCode } from './listing-state-tag';
import { ProposeDialog } from './propose-dialog';
import './credit.css';

/**
 * 信用公示: the listings of the reader's office (a supervisor: of the region) in work queues — proposals to serve,
 * defence windows running, reviews waiting, published, expiring within 30 days, closed — each tab with its count,
 * searched by the subject's name, credit code or listing number. Queue, search and paging live in the URL.
 * 提出列入 proposes a listing by hand. The switch above leads to the other half of 信用公示, 决定公示.
 */
export default function CreditPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { hasAnyRole } = useAuth();
  const url = useUrlQuery();
  const [filterForm] = Form.useForm<{ q?: string }>();
  const [proposing, setProposing] = useState(false);

  const queueParam = url.get('queue') as ListingQueue | undefined;
  const queue: ListingQueue = queueParam && LISTING_QUEUES.includes(queueParam) ? queueParam : 'proposals';
  const q = url.get('q');
  const paging = useUrlPagination(url, 20);
  const { page, pageSize } = paging;
  const list = useAsync((signal) => creditApi.list({ queue, q, page, pageSize }, signal), [url.key]);

  useEffect(() => {
    filterForm.setFieldsValue({ q });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterForm, url.key]);

  const open = (l: ListingSummary) => `/credit/${l.id}`;

  const columns: TableColumnsType<ListingSummary> = [
    {
      title: t('credit.col.number'),
      dataIndex: 'listingNo',
      key: 'number',
      fixed: 'left',
      render: (no: string, l) => (
        <Link to={open(l)} className="case-number mono" onClick={(e) => e.stopPropagation()}>
          {no}
        </Link>
      ),
    },
    {
      title: t('credit.col.subject'),
      key: 'subject',
      render: (_, l) => (
        <div>
          <Typography.Text ellipsis={{ tooltip: l.subject.name }} style={{ maxWidth: 260 }}>
            {l.subject.name}
          </Typography.Text>
          <div className="muted mono">{subjectCode(l.subject)}</div>
        </div>
      ),
    },
    {
      title: t('credit.col.ground'),
      key: 'ground',
      render: (_, l) => bilingual(l.groundLabel, lang),
    },
    {
      title: t('common.status'),
      key: 'state',
      render: (_, l) => <ListingStateTag listing={l} />,
    },
    {
      title: t('credit.col.decision'),
      key: 'decision',
      render: (_, l) => (
        <div>
          <div>{l.decisionNo}</div>
          <div className="muted">{l.decisionDate}</div>
        </div>
      ),
    },
    {
      title: t('credit.col.dates'),
      key: 'dates',
      render: (_, l) => <ListingDates listing={l} />,
    },
  ];

  return (
    <PageContainer
      title={t('nav.credit')}
      extra={
        hasAnyRole(['officer', 'supervisor']) ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setProposing(true)}>
            {t('credit.propose.button')}
          </Button>
        ) : null
      }
    >
      <CreditSwitch current="listings" />
      <Tabs
        className="credit-tabs"
        activeKey={queue}
        onChange={(key) => url.update({ queue: key === 'proposals' ? undefined : key })}
        items={LISTING_QUEUES.map((key) => ({
          key,
          label: <QueueLabel queue={key} counts={list.data?.counts} />,
        }))}
      />
      <FilterCard
        form={filterForm}
        url={url}
        name="credit-filter"
        onFinish={(v) => url.update({ q: v.q?.trim() })}
      >
        <Form.Item label={t('common.keyword')} name="q">
          <Input
            allowClear
            placeholder={t('credit.searchPlaceholder')}
            style={{ width: 300 }}
            maxLength={100}
          />
        </Form.Item>
      </FilterCard>
      <ListCard<ListingSummary>
        list={list}
        paging={paging}
        columns={columns}
        rowClassName="credit-row"
        onRow={(l) => ({ onClick: () => navigate(open(l)) })}
        emptyText={t(`credit.empty.${queue}`)}
      />
      <ProposeDialog open={proposing} onClose={() => setProposing(false)} />
    </PageContainer>
  );
}

/** 拟列入 3: the queue's name and how many listings wait in it. */
function QueueLabel({ queue, counts }: { queue: ListingQueue; counts?: ListingCounts }) {
  const t = useT();
  const count = counts?.[queue];
  return (
    <span data-testid={`credit-tab-${queue}`}>
      {t(`credit.queue.${queue}`)}
      {count !== undefined ? <span className="credit-tab-count">{count}</span> : null}
    </span>
  );
}

/** The date that matters now: the end of the defence window, or the publication period. */
function ListingDates({ listing: l }: { listing: ListingSummary }) {
  const t = useT();
  if (l.state === 'notified' && l.defenceDueAt) {
    return (
      <div>
        <div className="muted">{t('credit.field.defenceDue')}</div>
        <DueCell dueAt={l.defenceDueAt} />
      </div>
    );
  }
  if (l.publishFrom) {
    return (
      <div>
        <div className="muted">{t('credit.field.publishUntil')}</div>
        <time dateTime={l.publishUntil ?? undefined}>{l.publishUntil}</time>
      </div>
    );
  }
  return <span className="muted">{t('common.none')}</span>;
}
