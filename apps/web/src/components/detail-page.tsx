import { Alert, Card, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ApiError } from '../api/http';
import { useLang, useT } from '../i18n';
import { PageContainer } from '../layout/page-container';
import { readableDetail } from '../lib/problem-text';
import { useAsync } from '../lib/use-async';
import { ProblemAlert } from './problem-alert';

/**
 * The record of a detail page (a case, a complaint): loaded by its id; every command answers with the fresh record,
 * which replaces the page's copy (`changed`); a 409 keeps its problem and reloads the record (`conflicted`).
 */
export function useDetail<T extends { id: string }>(
  id: string,
  load: (id: string, signal: AbortSignal) => Promise<T>,
) {
  const loaded = useAsync((signal) => load(id, signal), [id]);
  const [detail, setDetail] = useState<T>();
  const [conflict, setConflict] = useState<ApiError | null>(null);

  useEffect(() => {
    if (loaded.data) setDetail(loaded.data);
  }, [loaded.data]);

  return {
    loaded,
    /** the record of this id, once loaded (not the previous id's while the next loads) */
    current: detail?.id === id ? detail : undefined,
    conflict,
    clearConflict: () => setConflict(null),
    changed: (updated: T) => {
      setConflict(null);
      setDetail(updated);
    },
    conflicted: (error: ApiError) => {
      setConflict(error);
      loaded.reload();
    },
  };
}

/** A detail page before its record is there: a spinner, or the problem and a link back to the list. */
export function DetailPending({
  title,
  error,
  listPath,
  listLabel,
}: {
  title: string;
  error: unknown;
  listPath: string;
  listLabel: string;
}) {
  const t = useT();
  return (
    <PageContainer title={title} current={title}>
      {error ? (
        <Card>
          <ProblemAlert className="table-alert" error={error} />
          <Link to={listPath}>{listLabel}</Link>
        </Card>
      ) : (
        <div className="page-loading" role="status">
          <Spin />
          <span className="sr-only">{t('common.loading')}</span>
        </div>
      )}
    </PageContainer>
  );
}

/** Why a command was refused with 409: `staleText` for a stale version (the record is reloaded), else the problem. */
export function ConflictAlert({
  conflict,
  staleText,
  onClose,
}: {
  conflict: ApiError | null;
  staleText: string;
  onClose: () => void;
}) {
  const { lang } = useLang();
  if (!conflict) return null;
  const stale = conflict.code === 'STALE_VERSION';
  return (
    <Alert
      className="case-conflict"
      type="warning"
      showIcon
      role="alert"
      title={stale ? staleText : conflict.problem.title}
      description={stale ? undefined : readableDetail(conflict.problem, lang)}
      closable={{ onClose }}
    />
  );
}
