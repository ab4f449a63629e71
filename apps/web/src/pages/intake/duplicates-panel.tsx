import { WarningOutlined } from '@ant-design/icons';
import { Card, Empty, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { complaintsApi, type DuplicateHit, type DuplicateQuery } from '../../api/complaints';
import { ComplaintStateTag } from '../../components/complaint-state-tag';
import { ProblemAlert } from '../../components/problem-alert';
import { useT, type MessageKey } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useDebounced } from '../../lib/use-debounced';

const REASON_KEYS: Record<DuplicateHit['reasons'][number], MessageKey> = {
  respondent_uscc: 'intake.dup.reason.respondent_uscc',
  right_number: 'intake.dup.reason.right_number',
  phone: 'intake.dup.reason.phone',
  respondent_name: 'intake.dup.reason.respondent_name',
};

/** Nothing worth asking about yet: no key field, and a name too short for trigram similarity. */
const isEmpty = (q: DuplicateQuery) =>
  !q.respondentUscc && !q.rightNumber && !q.phone && (q.respondentName ?? '').length < 3;

interface Props {
  query: DuplicateQuery;
  stateLabel: (code: string) => string;
}

/**
 * 疑似重复: complaints of the last 90 days with the same respondent credit code, right number or caller phone, or a
 * similar respondent name — asked again 250 ms after the operator stops typing. Each hit says why it matched.
 */
export function DuplicatesPanel({ query, stateLabel }: Props) {
  const t = useT();
  const settled = useDebounced(query, 250);
  const key = JSON.stringify(settled);
  const [state, setState] = useState<{ key: string; hits: DuplicateHit[]; error?: unknown } | null>(null);

  useEffect(() => {
    const q = JSON.parse(key) as DuplicateQuery;
    if (isEmpty(q)) return;
    const controller = new AbortController();
    complaintsApi.duplicates(q, controller.signal).then(
      (hits) => setState({ key, hits }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, hits: [], error });
      },
    );
    return () => controller.abort();
  }, [key]);

  const hits = !isEmpty(settled) && state?.key === key ? state.hits : [];
  const error = state?.key === key ? state.error : undefined;
  return (
    <Card
      size="small"
      title={
        <span id="intake-dup-title">
          {hits.length ? (
            <WarningOutlined aria-hidden style={{ color: '#ad4e00', marginInlineEnd: 6 }} />
          ) : null}
          {t('intake.dup.title')}
        </span>
      }
      data-testid="intake-duplicates"
      style={hits.length ? { borderColor: '#d46b08' } : undefined}
    >
      <ProblemAlert error={error} />
      <p className={hits.length ? undefined : 'muted'} aria-live="polite" style={{ margin: '0 0 8px' }}>
        {isEmpty(settled)
          ? t('intake.dup.idle')
          : hits.length
            ? t('intake.dup.found', { count: hits.length })
            : t('intake.dup.none')}
      </p>
      {hits.length === 0 ? (
        isEmpty(settled) ? null : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} />
        )
      ) : (
        <ul className="case-mini-list" aria-labelledby="intake-dup-title">
          {hits.map((h) => (
            <li key={h.id} data-testid="intake-duplicate">
              <div className="case-mini-main">
                <a href={`/complaints/${h.id}`} target="_blank" rel="noopener noreferrer" className="mono">
                  {h.trackingNo}
                </a>
                <ComplaintStateTag state={h.state} label={stateLabel(h.state)} />
              </div>
              <div className="muted">
                <time dateTime={h.receivedAt}>{formatDateTime(h.receivedAt)}</time>
                {h.respondentName ? ` · ${h.respondentName}` : ''}
              </div>
              <div>
                {h.reasons.map((r) => (
                  <Tag key={r} color="orange">
                    {t(REASON_KEYS[r])}
                    {r === 'respondent_name' && h.similarity !== null
                      ? ` ${Math.round(h.similarity * 100)}%`
                      : ''}
                  </Tag>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
