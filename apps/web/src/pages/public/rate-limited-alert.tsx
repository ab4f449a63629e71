import { Alert } from 'antd';
import type { CSSProperties } from 'react';
import type { ApiError } from '../../api/http';
import { useT } from '../../i18n';

/** 429 on a public page: the server's message, and how long to wait when it said. */
export function RateLimitedAlert({
  error,
  className,
  style,
}: {
  error: ApiError;
  className?: string;
  style?: CSSProperties;
}) {
  const t = useT();
  const wait = error.problem.retryAfterSeconds;
  return (
    <Alert
      className={className}
      style={style}
      type="warning"
      showIcon
      role="alert"
      data-testid="rate-limited"
      title={error.problem.title}
      description={
        typeof wait === 'number' ? t('public.form.retryIn', { seconds: wait }) : t('public.form.retryLater')
      }
    />
  );
}
