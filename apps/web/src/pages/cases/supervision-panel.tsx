import { App, Button, Card, Descriptions, Form, Input, Space, Tag, type DescriptionsProps } from 'antd';
import { useEffect, useState } from 'react';
import { isApiError } from '../../api/http';
import { supervisionApi } from '../../api/referrals';
import type { Supervision } from '../../api/types';
import { FormProblemAlert } from '../../components/form-problem-alert';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { civilDate } from '../../lib/case-format';
import { formatDateTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useFormSubmit } from '../../lib/use-form-submit';
import { SupervisionDialog } from './supervision-dialog';

interface Props {
  caseId: string;
  /** the case says it is supervised (the panel shows while the supervision loads) */
  supervised: boolean;
  /** changes whenever the case changed: the supervision is read again */
  refreshKey: string;
  /** the supervision ended: the case (its flag and version) is read again */
  onCaseChanged: () => void;
}

/** The case's supervision, or null when it never was supervised (404) or the reader may not see it (403). */
function loadSupervision(caseId: string, signal: AbortSignal): Promise<Supervision | null> {
  return supervisionApi.get(caseId, signal).catch((error: unknown) => {
    if (isApiError(error) && (error.status === 404 || error.status === 403)) return null;
    throw error;
  });
}

/**
 * 督办: why and by whom the case is supervised, how often the handling office reports and when the next report
 * is due (red once overdue), the reports filed; the handling office files one here (报送进展) and the
 * supervising level ends it (结束督办). Shown for an active supervision and for the latest ended one.
 */
export function SupervisionPanel({ caseId, supervised, refreshKey, onCaseChanged }: Props) {
  const t = useT();
  const loaded = useAsync((signal) => loadSupervision(caseId, signal), [caseId, refreshKey]);
  const [view, setView] = useState<Supervision | null>(null);
  const [ending, setEnding] = useState(false);

  useEffect(() => {
    if (loaded.data !== undefined) setView(loaded.data);
  }, [loaded.data]);

  const s = view && view.caseId === caseId ? view : null;
  if (!s && !supervised && !loaded.error) return null;

  const active = s?.state === 'active';
  const items: DescriptionsProps['items'] = s
    ? [
        {
          key: 'reason',
          label: t('supervision.reason'),
          children: <span className="pre-wrap">{s.reason}</span>,
        },
        { key: 'by', label: t('supervision.by'), children: `${s.region.name} · ${s.office.name}` },
        {
          key: 'started',
          label: t('supervision.startedAt'),
          children: `${formatDateTime(s.startedAt)}${s.startedBy.displayName ? `（${s.startedBy.displayName}）` : ''}`,
        },
        {
          key: 'every',
          label: t('supervision.every'),
          children: t('supervision.everyN', { days: s.reportEveryDays }),
        },
        ...(active
          ? [
              {
                key: 'next',
                label: t('supervision.nextDue'),
                children: (
                  <span className="due-cell" data-testid="supervision-next-due">
                    <time dateTime={s.nextReportDueAt ?? undefined}>{civilDate(s.nextReportDueAt)}</time>
                    {s.overdue ? <Tag color="red">{t('supervision.overdue')}</Tag> : null}
                  </span>
                ),
              },
            ]
          : [
              { key: 'ended', label: t('supervision.endedAt'), children: formatDateTime(s.endedAt) },
              {
                key: 'endReason',
                label: t('supervision.endReason'),
                children: <span className="pre-wrap">{s.endReason}</span>,
              },
            ]),
      ]
    : [];

  return (
    <Card
      className={s?.overdue ? 'supervision-card supervision-overdue' : 'supervision-card'}
      data-testid="supervision-panel"
      title={
        <h2 className="card-heading">
          {t('supervision.title')}{' '}
          {s ? (
            <Tag color={active ? 'volcano' : 'default'}>
              {t(active ? 'supervision.active' : 'supervision.inactive')}
            </Tag>
          ) : null}
        </h2>
      }
      extra={
        s?.canEnd ? (
          <Button danger onClick={() => setEnding(true)}>
            {t('supervision.end')}
          </Button>
        ) : null
      }
      loading={!s && loaded.loading}
    >
      <ProblemAlert className="table-alert" error={loaded.error} />
      {s ? (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
          <SupervisionReports view={s} />
          {s.canReport ? <ReportForm caseId={caseId} onFiled={setView} /> : null}
        </>
      ) : null}
      <SupervisionDialog
        caseId={caseId}
        mode={ending ? 'end' : null}
        onClose={() => setEnding(false)}
        onDone={(ended) => {
          setEnding(false);
          setView(ended);
          onCaseChanged();
        }}
      />
    </Card>
  );
}

/** The progress reports filed, newest last, a late one marked. */
function SupervisionReports({ view }: { view: Supervision }) {
  const t = useT();
  return (
    <div className="supervision-reports">
      <h3 className="supervision-subheading">{t('supervision.reports', { count: view.reports.length })}</h3>
      {view.reports.length ? (
        <ul className="plain-list" data-testid="supervision-reports">
          {view.reports.map((r) => (
            <li key={r.id}>
              <Space size={8} wrap>
                <time dateTime={r.filedAt} className="muted">
                  {formatDateTime(r.filedAt)}
                </time>
                {r.filedBy.displayName ? <span>{r.filedBy.displayName}</span> : null}
                {r.late ? <Tag color="orange">{t('supervision.late')}</Tag> : null}
              </Space>
              <div className="pre-wrap">{r.body}</div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('supervision.noReports')}</p>
      )}
    </div>
  );
}

/** 报送进展: the handling office's progress report; the next one falls due. */
function ReportForm({ caseId, onFiled }: { caseId: string; onFiled: (view: Supervision) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const { saving, problem, submit } = useFormSubmit(form);
  const file = ({ body }: { body: string }) =>
    submit(async () => {
      const view = await supervisionApi.report(caseId, { body: body.trim() });
      message.success(t('supervision.reported'));
      form.resetFields();
      onFiled(view);
    });
  return (
    <Form
      form={form}
      layout="vertical"
      name={`supervision-report-${caseId}`}
      onFinish={file}
      disabled={saving}
    >
      <FormProblemAlert problem={problem} />
      <Form.Item
        label={t('supervision.report')}
        name="body"
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('common.required', { field: t('supervision.report') }),
          },
        ]}
      >
        <Input.TextArea rows={3} maxLength={5000} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('supervision.file')}
      </Button>
    </Form>
  );
}
