import { Badge, Form, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { referralsApi } from '../../api/referrals';
import {
  REFERRAL_DIRECTIONS,
  type ReferralCounts,
  type ReferralDirection,
  type ReferralListQuery,
  type ReferralSummary,
} from '../../api/types';
import { DueCell } from '../../components/deadline-badge';
import { FilterCard, FilterSelect, ListCard, useUrlPagination } from '../../components/list-controls';
import { ReferralRoute } from '../../components/referral-route';
import { ReferralStateTag } from '../../components/referral-state-tag';
import { useLang, useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { bilingual } from '../../lib/use-catalog';
import { useReferralCatalog } from '../../lib/use-referral-catalog';
import { useUrlQuery } from '../../lib/use-url-query';
import { referralCaseText } from './referral-format';
import './referrals.css';

interface Filters {
  kind?: string;
  state?: 'open' | 'closed';
}

const STATES = ['open', 'closed'] as const;

/**
 * 移送协作: the referrals the reader's office received or sent (a supervisor: every office of the region), in two
 * tabs with their open and overdue counts, overdue first (the server's order), filtered by kind and open/closed.
 * Tab, filters and paging live in the URL.
 */
export default function ReferralsPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { options, label } = useReferralCatalog();
  const url = useUrlQuery();
  const [filterForm] = Form.useForm<Filters>();

  const directionParam = url.get('direction') as ReferralDirection | undefined;
  const direction: ReferralDirection =
    directionParam && REFERRAL_DIRECTIONS.includes(directionParam) ? directionParam : 'incoming';
  const kind = url.get('kind');
  const stateParam = url.get('state');
  const state = STATES.find((s) => s === stateParam);
  const paging = useUrlPagination(url, 20);
  const { page, pageSize } = paging;

  const query: ReferralListQuery = { direction, kind, state, page, pageSize };
  const list = useAsync((signal) => referralsApi.list(query, signal), [url.key]);

  useEffect(() => {
    filterForm.setFieldsValue({ kind, state });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterForm, url.key]);

  const counts = list.data?.counts;
  const open = (r: ReferralSummary) => `/referrals/${r.id}`;

  const columns: TableColumnsType<ReferralSummary> = [
    {
      title: t('referrals.col.number'),
      dataIndex: 'referralNo',
      key: 'number',
      fixed: 'left',
      render: (no: string, r) => (
        <Link to={open(r)} className="case-number mono" onClick={(e) => e.stopPropagation()}>
          {no}
        </Link>
      ),
    },
    {
      title: t('referrals.col.kind'),
      key: 'kind',
      render: (_, r) => bilingual(r.kindLabel, lang),
    },
    {
      title: t('referrals.col.case'),
      key: 'case',
      render: (_, r) => (
        <Typography.Text ellipsis={{ tooltip: r.case.title }} style={{ maxWidth: 240 }}>
          {r.complaint ? <Tag>{t('referrals.col.complaint')}</Tag> : null}
          {referralCaseText(r.case)}
        </Typography.Text>
      ),
    },
    {
      title: t('referrals.col.route'),
      key: 'route',
      render: (_, r) => <ReferralRoute from={r.from} to={r.to} />,
    },
    {
      title: t('common.status'),
      key: 'state',
      render: (_, r) => <ReferralStateTag state={r.state} label={r.stateLabel} />,
    },
    {
      title: t('referrals.col.due'),
      key: 'due',
      render: (_, r) =>
        r.open && r.dueAt ? (
          <div>
            <DueCell dueAt={r.dueAt} />
            {r.clock ? <div className="muted">{label('clocks', r.clock)}</div> : null}
          </div>
        ) : (
          <span className="muted">{t('common.none')}</span>
        ),
    },
    {
      title: t('referrals.col.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v: string) => {
        const [date, time] = formatDateTime(v).split(' ');
        return (
          <time dateTime={v}>
            <div>{date}</div>
            <div className="muted">{time}</div>
          </time>
        );
      },
    },
  ];

  return (
    <PageContainer title={t('nav.referrals')}>
      <Tabs
        className="referral-tabs"
        activeKey={direction}
        onChange={(key) => url.update({ direction: key === 'incoming' ? undefined : key })}
        items={REFERRAL_DIRECTIONS.map((d) => ({
          key: d,
          label: <TabLabel direction={d} counts={counts} />,
        }))}
      />
      <FilterCard
        form={filterForm}
        url={url}
        name="referral-filter"
        onFinish={(v) => url.update({ kind: v.kind, state: v.state })}
      >
        <FilterSelect
          label={t('referrals.col.kind')}
          name="kind"
          style={{ width: 200 }}
          options={options('kinds')}
        />
        <FilterSelect
          label={t('referrals.filter.state')}
          name="state"
          style={{ width: 140 }}
          options={STATES.map((s) => ({ value: s, label: t(`referrals.filter.${s}`) }))}
        />
      </FilterCard>
      <ListCard<ReferralSummary>
        list={list}
        paging={paging}
        columns={columns}
        rowClassName={(r) => (r.overdue ? 'row-overdue row-link' : 'row-link')}
        onRow={(r) => ({ onClick: () => navigate(open(r)) })}
        emptyText={t(direction === 'incoming' ? 'referrals.emptyIncoming' : 'referrals.emptyOutgoing')}
      />
    </PageContainer>
  );
}

/** 收到的移送（待办 3）and a red badge with the overdue ones. */
function TabLabel({ direction, counts }: { direction: ReferralDirection; counts?: ReferralCounts }) {
  const t = useT();
  const open = counts?.[direction];
  const overdue = counts?.[direction === 'incoming' ? 'incomingOverdue' : 'outgoingOverdue'] ?? 0;
  return (
    <span data-testid={`referrals-tab-${direction}`}>
      {t(`referrals.tab.${direction}`)}
      {open !== undefined ? (
        <span className="tab-count">{t('referrals.tab.open', { count: open })}</span>
      ) : null}
      {overdue > 0 ? (
        <Badge
          className="tab-badge"
          count={overdue}
          title={t('referrals.tab.overdue', { count: overdue })}
          aria-hidden
        />
      ) : null}
      {overdue > 0 ? <span className="sr-only">{t('referrals.tab.overdue', { count: overdue })}</span> : null}
    </span>
  );
}
