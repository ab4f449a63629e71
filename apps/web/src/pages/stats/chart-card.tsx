import { Card, Empty, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ProblemAlert } from '../../components/problem-alert';
import { useT } from '../../i18n';

interface Props {
  id: string;
  title: string;
  /** a line under the title (what a click does, say) */
  hint?: string;
  extra?: ReactNode;
  loading: boolean;
  error?: unknown;
  /** nothing to draw: the card says so instead of showing an empty chart */
  empty?: boolean;
  className?: string;
  children: ReactNode;
}

/** A dashboard card: a heading, the load's problem, a spinner while loading, and an empty state. */
export function ChartCard({ id, title, hint, extra, loading, error, empty, className, children }: Props) {
  const t = useT();
  return (
    <Card
      className={`stats-card${className ? ` ${className}` : ''}`}
      title={
        <h2 className="card-heading" id={`stats-${id}`}>
          {title}
        </h2>
      }
      extra={extra}
      data-testid={`stats-card-${id}`}
      aria-labelledby={`stats-${id}`}
    >
      {hint ? <div className="muted stats-card-hint">{hint}</div> : null}
      <ProblemAlert className="table-alert" error={error} />
      <Spin spinning={loading} delay={150}>
        {empty && !loading ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.empty.chart')} />
        ) : (
          children
        )}
      </Spin>
    </Card>
  );
}
