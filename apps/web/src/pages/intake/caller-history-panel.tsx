import { Card, Empty } from 'antd';
import { useEffect, useState } from 'react';
import { complaintsApi, type Complaint } from '../../api/complaints';
import { ComplaintStateTag } from '../../components/complaint-state-tag';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';

interface Props {
  /** the caller's phone as typed */
  phone: string | undefined;
  label: (list: 'categories' | 'states', code: string) => string;
}

const HISTORY_SIZE = 5;
/** Fewer digits than this is still being typed: not worth a look-up. */
const MIN_DIGITS = 5;

/** 来电历史: the caller's earlier complaints (by the phone number), newest first. */
export function CallerHistoryPanel({ phone, label }: Props) {
  const t = useT();
  const settled = useDebounced((phone ?? '').trim(), 300);
  const [state, setState] = useState<{
    phone: string;
    items: Complaint[];
    total: number;
    error?: unknown;
  } | null>(null);
  const active = settled.replace(/\D/g, '').length >= MIN_DIGITS;

  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    complaintsApi.list({ phone: settled, page: 1, pageSize: HISTORY_SIZE }, controller.signal).then(
      (page) => setState({ phone: settled, items: page.items, total: page.total }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ phone: settled, items: [], total: 0, error });
      },
    );
    return () => controller.abort();
  }, [settled, active]);

  const current = active && state?.phone === settled ? state : null;
  return (
    <Card
      size="small"
      title={<span id="intake-history-title">{t('intake.history.title')}</span>}
      data-testid="intake-history"
    >
      <ProblemAlert error={current?.error} />
      <p className="muted" aria-live="polite" style={{ margin: '0 0 8px' }}>
        {!active
          ? t('intake.history.idle')
          : !current
            ? t('common.loading')
            : current.total
              ? t('intake.history.found', { count: current.total })
              : t('intake.history.none')}
      </p>
      {current && current.items.length ? (
        <ul className="case-mini-list" aria-labelledby="intake-history-title">
          {current.items.map((c) => (
            <li key={c.id}>
              <div className="case-mini-main">
                <a href={`/complaints/${c.id}`} target="_blank" rel="noopener noreferrer" className="mono">
                  {c.trackingNo}
                </a>
                <ComplaintStateTag state={c.state} label={label('states', c.state)} />
              </div>
              <div className="muted">
                <time dateTime={c.receivedAt}>{formatDateTime(c.receivedAt)}</time>
                {` · ${label('categories', c.category)}`}
                {c.respondentName ? ` · ${c.respondentName}` : ''}
              </div>
            </li>
          ))}
        </ul>
      ) : current && !current.error && !current.total ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} />
      ) : null}
    </Card>
  );
}
