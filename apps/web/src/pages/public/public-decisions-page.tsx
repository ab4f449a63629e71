import { Card, Form, Input, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { publicDecisionsApi } from '../../api/credit';
import type { PublicDecision, PublicDecisionPage, PublicDecisionQuery } from '../../api/types';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { useT } from '../../i18n';
import { useFormSubmit } from '../../lib/use-form-submit';
import { labelOf } from './public-labels';
import { usePublicTitle } from './public-layout';
import { RegionAndIpTypeRow, SearchActions } from './public-search-parts';

/** Named like the query's parameters, so the server's field errors land beside the fields. */
interface Values {
  q?: string;
  region?: string;
  ipType?: PublicDecisionQuery['ipType'];
}

const PAGE_SIZE = 20;

/** The search of the form: trimmed, empty fields left out. */
function toQuery(v: Values): PublicDecisionQuery {
  const query: PublicDecisionQuery = {};
  if (v.q?.trim()) query.q = v.q.trim();
  if (v.region) query.region = v.region;
  if (v.ipType) query.ipType = v.ipType;
  return query;
}

/**
 * 决定公示 (no sign-in): the IP penalty decisions and patent rulings published now — newest first — searched by a
 * decision number or an enterprise's name, the region (and below) or the IP type. It shows the summary the rules
 * publish: the decision, the party (an individual by surname only), the kind of violation, the penalty, the
 * authority and the period. A decision whose period is over, or that was changed or revoked, is gone from it.
 */
export default function PublicDecisionsPage() {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { saving, problem, submit } = useFormSubmit(form);
  const [shown, setShown] = useState<{ query: PublicDecisionQuery; page: PublicDecisionPage } | null>(null);

  usePublicTitle(t('public.decisions.title'));

  const search = (query: PublicDecisionQuery) =>
    submit(async () => {
      setShown({ query, page: await publicDecisionsApi.search(query) });
    });

  useEffect(() => {
    void search({ page: 1, pageSize: PAGE_SIZE });
    // the first page of everything published, once
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const columns: TableColumnsType<PublicDecision> = [
    {
      title: t('public.decisions.col.party'),
      key: 'party',
      width: 210,
      render: (_, d) => (
        <div>
          <div>{d.partyName}</div>
          {d.partyUscc ? <div className="mono muted">{d.partyUscc}</div> : null}
        </div>
      ),
    },
    {
      title: t('public.decisions.col.violation'),
      key: 'violation',
      render: (_, d) => (
        <div>
          <div>{d.violation}</div>
          <div className="muted">{labelOf(t, 'public.ipType.', d.ipType)}</div>
          <div>{d.penalty}</div>
        </div>
      ),
    },
    {
      title: t('public.decisions.col.decision'),
      key: 'decision',
      width: 210,
      render: (_, d) => (
        <div>
          <div>{d.decisionNo}</div>
          <div className="muted">{d.authority}</div>
          <div className="muted">
            {d.decidedOn}
            {d.regionName ? ` · ${d.regionName}` : ''}
          </div>
        </div>
      ),
    },
    {
      title: t('public.credit.col.period'),
      key: 'period',
      width: 112,
      render: (_, d) => (
        <span>
          {d.publishFrom}
          <br />
          {t('public.credit.until', { date: d.publishUntil })}
        </span>
      ),
    },
  ];

  const page = shown?.page;
  return (
    <>
      <Typography.Title level={1} className="public-title">
        {t('public.decisions.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="public-intro">
        {t('public.decisions.intro')}
      </Typography.Paragraph>

      <Card className="public-card">
        <Form<Values>
          form={form}
          layout="vertical"
          name="public-decisions"
          requiredMark={false}
          onFinish={(v) => search({ ...toQuery(v), page: 1, pageSize: PAGE_SIZE })}
        >
          <Form.Item name="q" label={t('public.decisions.q')} extra={t('public.decisions.qHint')}>
            <Input allowClear maxLength={100} />
          </Form.Item>
          <RegionAndIpTypeRow />
          <SearchActions
            saving={saving}
            onReset={() => {
              form.resetFields();
              void search({ page: 1, pageSize: PAGE_SIZE });
            }}
          />
        </Form>
      </Card>

      <Card className="public-card" data-testid="public-decisions-results">
        <Typography.Title level={2} className="public-section">
          {t('public.decisions.results')}
        </Typography.Title>
        <FormProblemAlert problem={problem} />
        <Table<PublicDecision>
          rowKey="decisionNo"
          size="middle"
          columns={columns}
          dataSource={page?.items ?? []}
          loading={saving}
          scroll={{ x: 720 }}
          locale={{ emptyText: saving ? ' ' : t('public.decisions.empty') }}
          pagination={{
            current: page?.page ?? 1,
            pageSize: page?.pageSize ?? PAGE_SIZE,
            total: page?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (next) => shown && void search({ ...shown.query, page: next }),
          }}
        />
      </Card>
    </>
  );
}
