import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Dropdown,
  Form,
  Input,
  Space,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { casesApi } from '../../api/cases';
import { CASE_SORTS, type CaseListQuery, type CaseSort, type CaseSummary } from '../../api/types';
import { useAuth } from '../../auth/auth-context';
import { CaseFlags, CaseStatusTag, SupervisedTag } from '../../components/case-status-tag';
import { DueCell } from '../../components/deadline-badge';
import { FilterCard, FilterSelect, ListCard, useUrlPagination } from '../../components/list-controls';
import { RegionName } from '../../components/region-name';
import { useT } from '../../i18n';
import { PageContainer } from '../../layout/page-container';
import {
  caseNumber,
  dueQuery,
  dueState,
  DUE_FILTERS,
  DUE_SOON_WORKING_DAYS,
  type DueFilter,
} from '../../lib/case-format';
import { useAsync } from '../../lib/use-async';
import { useCatalog } from '../../lib/use-catalog';
import { useOffice } from '../../lib/use-office';
import { useUrlQuery } from '../../lib/use-url-query';
import { CaseCreateDrawer } from './case-create-drawer';

interface Filters {
  q?: string;
  ipType?: string;
  procedure?: string;
  status?: string[];
  due?: DueFilter;
  range?: [Dayjs | null, Dayjs | null] | null;
  mine?: boolean;
  major?: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Which date `from`/`to` filter: received (the list's own filter) or, from the statistics' drill-down, filed or closed. */
const DATE_FIELDS = ['received', 'filed', 'closed'] as const;
type DateField = (typeof DATE_FIELDS)[number];
/** The list counts exactly up to 10,000; 10,001 means "more". */

/** 案件办理: the cases in the user's scope, filtered, searched and sorted, everything kept in the URL. */
export default function CasesPage() {
  const t = useT();
  const navigate = useNavigate();
  const { hasAnyRole } = useAuth();
  const { catalog, label, options } = useCatalog();
  const url = useUrlQuery();
  const [filterForm] = Form.useForm<Filters>();
  const [creating, setCreating] = useState(false);
  const { message } = App.useApp();
  const formIpType = Form.useWatch('ipType', filterForm);

  const q = url.get('q');
  const ipType = url.get('ipType');
  const procedure = url.get('procedure');
  const statusParam = url.get('status');
  const status = statusParam ? statusParam.split(',').filter(Boolean) : undefined;
  const dueParam = url.get('due');
  const due = DUE_FILTERS.find((d) => d === dueParam);
  const mine = url.get('mine') === '1';
  const major = url.get('major') === '1';
  const from = DATE.test(url.get('from') ?? '') ? url.get('from') : undefined;
  const to = DATE.test(url.get('to') ?? '') ? url.get('to') : undefined;
  // Set by the statistics' drill-down (统计分析 → a month, a region, an office).
  const regionCode = url.get('regionCode');
  const officeId = url.get('officeId');
  const source = url.get('source');
  const dateField: DateField = DATE_FIELDS.find((d) => d === url.get('dateField')) ?? 'received';
  const drilled = !!(regionCode || officeId || source || dateField !== 'received');
  const office = useOffice(officeId);
  const sortParam = url.get('sort') as CaseSort | undefined;
  const sort: CaseSort = sortParam && CASE_SORTS.includes(sortParam) ? sortParam : 'received_desc';
  const paging = useUrlPagination(url, 20);
  const { page, pageSize } = paging;

  const query: CaseListQuery = {
    q,
    ipType,
    procedure,
    status,
    ...dueQuery(due),
    mine,
    major,
    regionCode,
    officeId,
    source,
    [`${dateField}From`]: from,
    [`${dateField}To`]: to,
    sort,
    page,
    pageSize,
  };
  const list = useAsync((signal) => casesApi.list(query, signal), [url.key]);

  useEffect(() => {
    filterForm.setFieldsValue({
      q,
      ipType,
      procedure,
      status,
      due,
      mine,
      major,
      range: from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null,
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterForm, url.key]);

  const procedures = (catalog?.procedures ?? []).filter((p) => !formIpType || p.ipTypes.includes(formIpType));

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('cases.col.number'),
      key: 'number',
      fixed: 'left',
      render: (_, c) => (
        <Link to={`/cases/${c.id}`} className="case-number">
          {caseNumber(c)}
        </Link>
      ),
    },
    {
      title: t('cases.col.title'),
      dataIndex: 'title',
      key: 'title',
      render: (title: string, c) => (
        <Link to={`/cases/${c.id}`} className="case-title-link">
          <Typography.Text ellipsis={{ tooltip: title }} style={{ maxWidth: 280 }}>
            {title}
          </Typography.Text>
        </Link>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      key: 'status',
      render: (v: string, c) => (
        <span className="case-flags">
          <CaseStatusTag status={v} />
          <SupervisedTag supervised={c.supervised} />
        </span>
      ),
    },
    {
      title: t('cases.col.due'),
      key: 'due',
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sort === 'due_asc' ? 'ascend' : null,
      render: (_, c) => (
        <div>
          <DueCell dueAt={c.nextDueAt} workingDaysLeft={c.workingDaysLeft} />
          {c.nextDueKey ? <div className="muted">{label('deadlineKeys', c.nextDueKey)}</div> : null}
        </div>
      ),
    },
    {
      title: t('cases.col.ipType'),
      dataIndex: 'ipType',
      key: 'ipType',
      render: (v: string) => label('ipTypes', v),
    },
    {
      title: t('cases.col.procedure'),
      dataIndex: 'procedure',
      key: 'procedure',
      render: (v: string) => label('procedures', v),
    },
    {
      title: t('cases.col.office'),
      key: 'office',
      render: (_, c) => (
        <div>
          <Typography.Text ellipsis={{ tooltip: c.officeName }} style={{ maxWidth: 160 }}>
            {c.officeName}
          </Typography.Text>
          <div className="muted">{c.regionName}</div>
        </div>
      ),
    },
    {
      title: t('cases.col.receivedOn'),
      dataIndex: 'receivedOn',
      key: 'receivedOn',
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: sort === 'received_asc' ? 'ascend' : sort === 'received_desc' ? 'descend' : null,
    },
    {
      title: t('cases.col.flags'),
      key: 'flags',
      render: (_, c) => <CaseFlags major={c.major} repeatInfringer={c.repeatInfringer} online={c.online} />,
    },
  ];

  const showTotal = (n: number) =>
    list.data && !list.data.totalExact
      ? t('cases.totalMore', { total: (n - 1).toLocaleString() })
      : t('common.total', { total: n });

  return (
    <PageContainer
      title={t('nav.cases')}
      extra={
        <Space>
          <Dropdown
            menu={{
              items: [
                { key: 'csv', label: t('cases.export.csv') },
                { key: 'xlsx', label: t('cases.export.xlsx') },
              ],
              onClick: ({ key }) =>
                void casesApi
                  .exportList(query, key as 'csv' | 'xlsx')
                  .catch(() => message.error(t('cases.export.failed'))),
            }}
          >
            <Button icon={<DownloadOutlined aria-hidden />}>{t('cases.export')}</Button>
          </Dropdown>
          {hasAnyRole(['officer', 'supervisor']) ? (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
              {t('cases.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <FilterCard
        form={filterForm}
        url={url}
        name="case-filter"
        onFinish={(v) =>
          url.update({
            q: v.q?.trim(),
            ipType: v.ipType,
            procedure: v.procedure,
            status: v.status?.length ? v.status.join(',') : undefined,
            due: v.due,
            mine: v.mine ? 1 : undefined,
            major: v.major ? 1 : undefined,
            from: v.range?.[0]?.format('YYYY-MM-DD'),
            to: v.range?.[1]?.format('YYYY-MM-DD'),
          })
        }
      >
        <Form.Item label={t('common.keyword')} name="q">
          <Input
            allowClear
            prefix={<SearchOutlined aria-hidden />}
            placeholder={t('cases.searchPlaceholder')}
            style={{ width: 300 }}
          />
        </Form.Item>
        <FilterSelect
          label={t('cases.col.ipType')}
          name="ipType"
          style={{ width: 160 }}
          options={options('ipTypes')}
          onChange={(value?: string) => {
            const current = catalog?.procedures.find((p) => p.code === filterForm.getFieldValue('procedure'));
            if (value && current && !current.ipTypes.includes(value))
              filterForm.setFieldsValue({ procedure: undefined });
          }}
        />
        <FilterSelect
          label={t('cases.col.procedure')}
          name="procedure"
          style={{ width: 220 }}
          options={options(
            'procedures',
            procedures.map((p) => p.code),
          )}
        />
        <FilterSelect
          label={t('common.status')}
          name="status"
          mode="multiple"
          style={{ minWidth: 200 }}
          options={options('states')}
          optionFilterProp="label"
        />
        <FilterSelect
          label={t('cases.col.due')}
          name="due"
          style={{ width: 180 }}
          options={[
            { value: 'overdue', label: t('cases.due.overdue') },
            { value: 'soon', label: t('cases.due.withinDays', { days: DUE_SOON_WORKING_DAYS }) },
            { value: 'notOverdue', label: t('cases.due.notOverdue') },
          ]}
        />
        <Form.Item
          label={dateField === 'received' ? t('cases.col.receivedOn') : t(`cases.drill.${dateField}`)}
          name="range"
        >
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('audit.startDate'), t('audit.endDate')]}
          />
        </Form.Item>
        <Form.Item name="mine" valuePropName="checked">
          <Checkbox>{t('cases.filter.mine')}</Checkbox>
        </Form.Item>
        <Form.Item name="major" valuePropName="checked">
          <Checkbox>{t('cases.flag.major')}</Checkbox>
        </Form.Item>
      </FilterCard>

      {drilled ? (
        <Alert
          type="info"
          showIcon
          className="drill-down-filter"
          style={{ marginBottom: 16 }}
          message={t('cases.drill.title')}
          description={
            <span>
              {regionCode ? (
                <span>
                  {t('cases.drill.region')}: <RegionName code={regionCode} />{' '}
                </span>
              ) : null}
              {officeId ? (
                <span>
                  {t('cases.col.office')}: {office?.name ?? officeId}{' '}
                </span>
              ) : null}
              {source ? (
                <span>
                  {t('cases.drill.source')}: {label('sources', source)}{' '}
                </span>
              ) : null}
              {dateField !== 'received' ? (
                <span>
                  {t(`cases.drill.${dateField}`)}: {from ?? '…'} – {to ?? '…'}
                </span>
              ) : null}
            </span>
          }
          action={
            <Button
              size="small"
              onClick={() =>
                url.update({
                  regionCode: undefined,
                  officeId: undefined,
                  source: undefined,
                  dateField: undefined,
                  ...(dateField !== 'received' ? { from: undefined, to: undefined } : {}),
                })
              }
            >
              {t('cases.drill.clear')}
            </Button>
          }
        />
      ) : null}

      <ListCard<CaseSummary>
        list={list}
        paging={paging}
        pagination={{ showTotal }}
        columns={columns}
        rowClassName={(c) =>
          c.nextDueAt && dueState(c.nextDueAt, c.workingDaysLeft) === 'overdue' ? 'row-overdue' : ''
        }
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action !== 'sort') return;
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          let next: CaseSort | undefined;
          if (s?.columnKey === 'receivedOn' && s.order === 'ascend') next = 'received_asc';
          else if (s?.columnKey === 'due' && s.order === 'ascend') next = 'due_asc';
          url.update({ sort: next && next !== 'received_desc' ? next : undefined });
        }}
        emptyText={t('cases.empty')}
      />

      <CaseCreateDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          navigate(`/cases/${created.id}`);
        }}
      />
    </PageContainer>
  );
}
