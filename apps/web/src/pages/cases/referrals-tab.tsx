import { Empty, Spin, Steps, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { referralsApi } from '../../api/referrals';
import type { ReferralSummary, TravelStop } from '../../api/types';
import { DueCell } from '../../components/deadline-badge';
import { ProblemAlert } from '../../components/problem-alert';
import { ReferralRoute } from '../../components/referral-route';
import { ReferralStateTag } from '../../components/referral-state-tag';
import { RegionName } from '../../components/region-name';
import { useLang, useT } from '../../i18n';
import { civilDate } from '../../lib/case-format';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { bilingual } from '../../lib/use-catalog';

interface Props {
  caseId: string;
  /** changes whenever the case changed: both lists are read again */
  refreshKey: string;
}

/** 移送协作: the case's referrals (each one click from its page) and the offices the case has travelled through. */
export function ReferralsTab({ caseId, refreshKey }: Props) {
  const t = useT();
  const { lang } = useLang();
  const referrals = useAsync((signal) => referralsApi.forCase(caseId, signal), [caseId, refreshKey]);
  const travel = useAsync((signal) => referralsApi.travel(caseId, signal), [caseId, refreshKey]);

  const columns: TableColumnsType<ReferralSummary> = [
    {
      title: t('referrals.col.number'),
      dataIndex: 'referralNo',
      key: 'number',
      render: (no: string, r) => (
        <Link to={`/referrals/${r.id}`} className="mono">
          {no}
        </Link>
      ),
    },
    { title: t('referrals.col.kind'), key: 'kind', render: (_, r) => bilingual(r.kindLabel, lang) },
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
        r.open && r.dueAt ? <DueCell dueAt={r.dueAt} /> : <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('referrals.col.createdAt'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (v: string) => formatDateTime(v),
    },
  ];

  return (
    <div>
      <Typography.Title level={2} className="section-title">
        {t('referrals.case.list')}
      </Typography.Title>
      <ProblemAlert className="table-alert" error={referrals.error} />
      <Table<ReferralSummary>
        rowKey="id"
        size="small"
        dataSource={referrals.data ?? []}
        loading={referrals.loading}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: referrals.loading ? ' ' : t('referrals.case.none') }}
      />
      <Typography.Title level={2} className="section-title" style={{ marginTop: 24 }}>
        {t('referrals.travel.title')}
      </Typography.Title>
      <ProblemAlert className="table-alert" error={travel.error} />
      <Spin spinning={travel.loading && !travel.data}>
        {travel.data?.stops.length ? (
          <Travel stops={travel.data.stops} />
        ) : travel.loading ? null : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Spin>
    </div>
  );
}

/** Each office the case was handled at: the county, its number there, how it came and when. */
function Travel({ stops }: { stops: TravelStop[] }) {
  const t = useT();
  return (
    <div data-testid="case-travel" role="region" aria-label={t('referrals.travel.title')}>
      <Steps
        orientation="vertical"
        size="small"
        current={stops.length - 1}
        items={stops.map((s, i) => ({
          key: `${s.office.id}-${i}`,
          status: i === stops.length - 1 ? 'process' : 'finish',
          title: s.office.name,
          content: (
            <div className="travel-stop" data-how={s.how}>
              <div>
                <RegionName code={s.regionCode} />
              </div>
              <div>
                {t('referrals.travel.caseNo')}：
                {s.caseNo ?? <span className="muted">{t('referrals.travel.noCaseNo')}</span>}
              </div>
              <div className="muted">
                {t(`referrals.travel.how.${s.how}`)} · {civilDate(s.from)}
                {s.referralId ? (
                  <>
                    {' · '}
                    <Link to={`/referrals/${s.referralId}`}>{t('referrals.travel.referral')}</Link>
                  </>
                ) : null}
              </div>
            </div>
          ),
        }))}
      />
    </div>
  );
}
