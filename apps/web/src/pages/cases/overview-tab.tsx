import { TeamOutlined } from '@ant-design/icons';
import { Button, Descriptions, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { CaseDeadline, CaseDetail, CasePause } from '../../api/types';
import { DeadlineBadge } from '../../components/deadline-badge';
import { useLang, useT } from '../../i18n';
import { caseNumber } from '../../lib/case-format';
import { formatYuan } from '../../lib/money';
import { bilingual, useCatalog } from '../../lib/use-catalog';
import { DeadlineWhy } from './case-deadlines';

interface Props {
  detail: CaseDetail;
  canEdit: boolean;
  onEditOfficers: () => void;
}

/** 概况: the case's facts and amounts (yuan, two decimals), its officers, all its time limits and pauses. */
export function OverviewTab({ detail, canEdit, onEditOfficers }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { label } = useCatalog();
  const none = t('common.none');
  const date = (d: string | null) => d ?? none;

  const deadlineColumns: TableColumnsType<CaseDeadline> = [
    {
      title: t('cases.deadline.name'),
      key: 'name',
      render: (_, d) => (
        <span>
          {bilingual(d.label, lang)}
          {d.actor === 'party' ? (
            <Tag style={{ marginInlineStart: 6 }}>{t('cases.deadline.partyWindow')}</Tag>
          ) : null}
        </span>
      ),
    },
    { title: t('cases.deadline.start'), dataIndex: 'startDate', key: 'startDate' },
    {
      title: t('cases.deadline.due'),
      key: 'due',
      render: (_, d) => d.dueDate ?? none,
    },
    { title: t('common.status'), key: 'status', render: (_, d) => <DeadlineBadge deadline={d} /> },
    {
      title: t('cases.why.source'),
      key: 'source',
      render: (_, d) => `${d.source.article}`,
    },
    { title: t('common.actions'), key: 'why', render: (_, d) => <DeadlineWhy deadline={d} /> },
  ];

  const pauseColumns: TableColumnsType<CasePause> = [
    {
      title: t('cases.pause.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: string) => label('pauseKinds', k),
    },
    { title: t('cases.pause.from'), dataIndex: 'fromDate', key: 'fromDate' },
    {
      title: t('cases.pause.to'),
      dataIndex: 'toDate',
      key: 'toDate',
      render: (v: string | null) => v ?? <Tag color="orange">{t('cases.pause.running')}</Tag>,
    },
    { title: t('cases.field.reason'), dataIndex: 'reason', key: 'reason', render: (v: string) => v || none },
  ];

  return (
    <div className="tab-sections">
      <section aria-labelledby="case-facts">
        <Typography.Title level={2} className="section-title" id="case-facts">
          {t('cases.section.facts')}
        </Typography.Title>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'no', label: t('cases.col.number'), children: caseNumber(detail) },
            { key: 'reg', label: t('cases.field.regNo'), children: `DJ${detail.regNo}` },
            { key: 'title', label: t('cases.col.title'), children: detail.title, span: 'filled' },
            { key: 'ip', label: t('cases.col.ipType'), children: label('ipTypes', detail.ipType) },
            { key: 'proc', label: t('cases.col.procedure'), children: label('procedures', detail.procedure) },
            { key: 'src', label: t('cases.field.source'), children: label('sources', detail.source) },
            { key: 'office', label: t('cases.col.office'), children: detail.officeName },
            { key: 'region', label: t('cases.field.region'), children: detail.regionName },
            { key: 'recv', label: t('cases.col.receivedOn'), children: detail.receivedOn },
            { key: 'filed', label: t('cases.field.filedOn'), children: date(detail.filedOn) },
            { key: 'decided', label: t('cases.field.decidedOn'), children: date(detail.decidedOn) },
            { key: 'closed', label: t('cases.field.closedOn'), children: date(detail.closedOn) },
            {
              key: 'outcome',
              label: t('cases.field.outcome'),
              children: detail.outcome ? label('outcomes', detail.outcome) : none,
            },
            { key: 'value', label: t('cases.field.valueYuan'), children: formatYuan(detail.valueFen) },
            {
              key: 'gains',
              label: t('cases.field.illegalGainsYuan'),
              children: formatYuan(detail.illegalGainsFen),
            },
            { key: 'fine', label: t('cases.field.fineYuan'), children: formatYuan(detail.fineFen) },
            {
              key: 'confiscated',
              label: t('cases.field.confiscatedYuan'),
              children: formatYuan(detail.confiscatedFen),
            },
            {
              key: 'summary',
              label: t('cases.field.summary'),
              span: 'filled',
              children: detail.summary ? <span className="pre-wrap">{detail.summary}</span> : none,
            },
          ]}
        />
      </section>

      <section aria-labelledby="case-officers">
        <div className="section-head">
          <Typography.Title level={2} className="section-title" id="case-officers" tabIndex={-1}>
            {t('cases.officers')}
          </Typography.Title>
          {canEdit ? (
            <Button icon={<TeamOutlined aria-hidden />} onClick={onEditOfficers}>
              {t('cases.officers.edit')}
            </Button>
          ) : null}
        </div>
        {detail.officers.length ? (
          <ul className="plain-list officer-list" data-testid="case-officers">
            {detail.officers.map((o) => (
              <li key={o.userId}>
                {o.displayName}
                <span className="muted">（{o.username}）</span>
                {o.lead ? <Tag color="blue">{t('cases.officers.lead')}</Tag> : null}
              </li>
            ))}
          </ul>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.officers.none')} />
        )}
      </section>

      <section aria-labelledby="case-deadline-table">
        <Typography.Title level={2} className="section-title" id="case-deadline-table">
          {t('cases.deadlines')}
        </Typography.Title>
        <Table<CaseDeadline>
          rowKey="id"
          size="small"
          columns={deadlineColumns}
          dataSource={detail.deadlines}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('cases.deadlines.none') }}
        />
      </section>

      {detail.pauses.length ? (
        <section aria-labelledby="case-pauses">
          <Typography.Title level={2} className="section-title" id="case-pauses">
            {t('cases.pauses')}
          </Typography.Title>
          <Table<CasePause>
            rowKey="id"
            size="small"
            columns={pauseColumns}
            dataSource={detail.pauses}
            pagination={false}
          />
        </section>
      ) : null}
    </div>
  );
}
