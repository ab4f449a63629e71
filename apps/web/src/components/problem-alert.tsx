import { Alert } from 'antd';
import { isApiError } from '../api/http';
import type { FieldError, Problem } from '../api/types';
import { useLang, useT } from '../i18n';
import { readableDetail } from '../lib/problem-text';

function asProblem(error: unknown): Problem | null {
  if (isApiError(error)) return error.problem;
  if (
    error &&
    typeof error === 'object' &&
    typeof (error as Problem).title === 'string' &&
    typeof (error as Problem).status === 'number'
  ) {
    return error as Problem;
  }
  return null;
}

interface Props {
  /** an ApiError, a Problem, or any other thrown value */
  error: unknown;
  /** field errors that could not be shown next to a field */
  unmatched?: FieldError[];
  /** true when the field errors were placed on the form: say so instead of repeating them */
  mappedAny?: boolean;
  onClose?: () => void;
  className?: string;
}

/** Shows an RFC 9457 problem (title in the user's language, detail, leftover field errors). */
export function ProblemAlert({ error, unmatched = [], mappedAny, onClose, className }: Props) {
  const t = useT();
  const { lang } = useLang();
  if (!error) return null;
  const problem = asProblem(error);
  const title = problem ? problem.title : error instanceof Error ? error.message : String(error);
  // With field errors the detail only repeats them (they are shown beside the fields or listed below).
  const detail = problem && !problem.errors?.length ? readableDetail(problem, lang) : undefined;
  const stale = problem?.status === 409;
  const lines = [
    detail ?? null,
    stale ? t('error.stale') : null,
    mappedAny ? t('error.checkFields') : null,
    ...unmatched.map((fe) => (fe.field ? `${fe.field}：${fe.message}` : fe.message)),
  ].filter((line): line is string => !!line);

  return (
    <Alert
      className={className}
      type="error"
      showIcon
      title={title}
      description={lines.length ? lines.map((line) => <div key={line}>{line}</div>) : undefined}
      closable={onClose ? { onClose } : undefined}
    />
  );
}
