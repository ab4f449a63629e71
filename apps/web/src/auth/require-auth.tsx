import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { isApiError } from '../api/http';
import type { Role } from '../api/types';
import { useT } from '../i18n';
import { ForbiddenPage } from '../pages/forbidden-page';
import { useAuth } from './auth-context';

/** Route guard: no session -> /login (remembering where the user wanted to go). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, error, retry, loggedOut } = useAuth();
  const location = useLocation();
  const t = useT();

  if (status === 'loading') {
    return (
      <div className="full-page-center" role="status" aria-live="polite">
        <Spin size="large" />
        <span className="sr-only">{t('common.loading')}</span>
      </div>
    );
  }
  if (status === 'error') {
    return (
      <div className="full-page-center">
        <Result
          status="warning"
          title={t('error.session')}
          subTitle={isApiError(error) ? error.problem.title : t('error.network')}
          extra={
            <Button type="primary" onClick={retry}>
              {t('common.retry')}
            </Button>
          }
        />
      </div>
    );
  }
  if (status === 'anonymous') {
    return (
      <Navigate
        to="/login"
        replace
        state={loggedOut ? undefined : { from: location.pathname + location.search }}
      />
    );
  }
  return <>{children}</>;
}

/** Route guard by role; the navigation hides what a role may not open, this covers typed-in URLs. */
export function RequireRole({ roles, children }: { roles: readonly Role[] | 'all'; children: ReactNode }) {
  const { hasAnyRole } = useAuth();
  return hasAnyRole(roles) ? <>{children}</> : <ForbiddenPage />;
}
