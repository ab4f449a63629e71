import { DownloadOutlined } from '@ant-design/icons';
import { Card, Flex, Form, Input, Table, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { publicCreditApi } from '../../api/credit';
import type { PublicListing, RegistryPage, RegistryQuery } from '../../api/types';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { useLang, useT } from '../../i18n';
import { bilingual } from '../../lib/use-catalog';
import { useFormSubmit } from '../../lib/use-form-submit';
import { labelOf } from './public-labels';
import { usePublicTitle } from './public-layout';
import { RegionAndIpTypeRow, SearchActions } from './public-search-parts';

/** Named like the query's parameters, so the server's field errors land beside the fields. */
interface Values {
  q?: string;
  uscc?: string;
  region?: string;
  ipType?: string;
}

const PAGE_SIZE = 20;

/** The search of the form: trimmed, empty fields left out. */
function toQuery(v: Values): RegistryQuery {
  const query: RegistryQuery = {};
  if (v.q?.trim()) query.q = v.q.trim();
  if (v.uscc?.trim()) query.uscc = v.uscc.trim().toUpperCase();
  if (v.region) query.region = v.region;
  if (v.ipType) query.ipType = v.ipType;
  return query;
}

/**
 * 信用公示 (no sign-in): the listings published now — newest first — searched by an enterprise's name, its credit
 * code, the region (and below) or the IP type, with the same page as a CSV file. It shows only what the registry
 * publishes: an enterprise's name and code, an individual's surname and masked ID, the ground, legal basis,
 * decision, authority and period. A listing that has expired or been removed is gone from it.
 */
export default function PublicCreditPage() {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const { saving, problem, submit } = useFormSubmit(form);
  const [shown, setShown] = useState<{ query: RegistryQuery; page: RegistryPage } | null>(null);

  usePublicTitle(t('public.credit.title'));

  const search = (query: RegistryQuery) =>
    submit(async () => {
      setShown({ query, page: await publicCreditApi.search(query) });
    });

  useEffect(() => {
    void search({ page: 1, pageSize: PAGE_SIZE });
    // the first page of everything published, once
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const columns: TableColumnsType<PublicListing> = [
    {
      title: t('public.credit.col.subject'),
      key: 'subject',
      width: 230,
      render: (_, l) => (
        <div>
          <div>{l.subjectName}</div>
          <div className="mono muted">{l.subjectUscc ?? l.subjectIdMasked}</div>
          <div className="mono muted">{t('public.credit.number', { no: l.listingNo })}</div>
        </div>
      ),
    },
    {
      title: t('public.credit.col.region'),
      key: 'region',
      width: 120,
      render: (_, l) => l.regionName ?? <span className="mono">{l.regionCode}</span>,
    },
    {
      title: t('public.credit.col.ground'),
      key: 'ground',
      render: (_, l) => (
        <div>
          <div>{bilingual(l.groundLabel, lang)}</div>
          {l.ipType ? <div className="muted">{labelOf(t, 'public.ipType.', l.ipType)}</div> : null}
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2, tooltip: l.legalBasis }}
            style={{ margin: 0 }}
          >
            {l.legalBasis}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      title: t('public.credit.col.decision'),
      key: 'decision',
      width: 210,
      render: (_, l) => (
        <div>
          <div>{l.decisionNo}</div>
          <div className="muted">{l.authority}</div>
          <div className="muted">{l.decisionDate}</div>
        </div>
      ),
    },
    {
      title: t('public.credit.col.period'),
      key: 'period',
      width: 112,
      render: (_, l) => (
        <span>
          {l.publishFrom}
          <br />
          {t('public.credit.until', { date: l.publishUntil })}
        </span>
      ),
    },
  ];

  const page = shown?.page;
  return (
    <>
      <Typography.Title level={1} className="public-title">
        {t('public.credit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="public-intro">
        {t('public.credit.intro')}
      </Typography.Paragraph>

      <Card className="public-card">
        <Form<Values>
          form={form}
          layout="vertical"
          name="public-credit"
          requiredMark={false}
          onFinish={(v) => search({ ...toQuery(v), page: 1, pageSize: PAGE_SIZE })}
        >
          <div className="public-form-row">
            <Form.Item name="q" label={t('public.credit.name')} extra={t('public.credit.nameHint')}>
              <Input allowClear maxLength={100} />
            </Form.Item>
            <Form.Item name="uscc" label={t('public.credit.uscc')}>
              <Input allowClear maxLength={18} className="mono" autoComplete="off" />
            </Form.Item>
          </div>
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

      <Card className="public-card" data-testid="public-credit-results">
        <Flex justify="space-between" align="baseline" wrap gap={8}>
          <Typography.Title level={2} className="public-section">
            {page
              ? t(page.totalCapped ? 'public.credit.countCapped' : 'public.credit.count', {
                  total: page.total,
                })
              : t('public.credit.results')}
          </Typography.Title>
          {shown && page?.items.length ? (
            <a href={publicCreditApi.csvUrl(shown.query)} download data-testid="public-credit-csv">
              <DownloadOutlined aria-hidden /> {t('public.credit.csv')}
            </a>
          ) : null}
        </Flex>
        <FormProblemAlert problem={problem} />
        <Table<PublicListing>
          rowKey="listingNo"
          size="middle"
          columns={columns}
          dataSource={page?.items ?? []}
          loading={saving}
          scroll={{ x: 840 }}
          locale={{ emptyText: saving ? ' ' : t('public.credit.empty') }}
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
