import { DomainError, httpStatusOf } from '@app/domain';
import { HttpException } from '@nestjs/common';
import { PROBLEM_TITLES, ProblemCode } from './problem-titles';

export interface FieldError {
  field: string;
  code: string;
  /** English (or already bilingual) message. */
  message: string;
  /** Chinese wording, when different; the problem carries the one matching the caller's language. */
  messageZh?: string;
}

/** RFC 9457 problem details, with our machine `code`, both titles, and field errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ProblemCode;
  titles: { 'zh-CN': string; en: string };
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export type Lang = 'zh-CN' | 'en';

export function langOf(acceptLanguage: string | string[] | undefined): Lang {
  const v = (Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage) ?? '';
  return /^\s*en\b/i.test(v) ? 'en' : 'zh-CN';
}

const BY_STATUS: Record<number, ProblemCode> = {
  400: 'MALFORMED_BODY',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'ROUTE_NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URL_INVALID',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  423: 'ACCOUNT_LOCKED',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
  507: 'INSUFFICIENT_STORAGE',
};

/** Seconds a client is told to wait (`Retry-After`) before retrying a request refused for an unavailable database. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** PostgreSQL SQLSTATEs that mean "the server cannot serve you right now", not "your request is wrong". */
const PG_UNAVAILABLE = new Set([
  '57P01', // admin_shutdown: the server is shutting down or restarting
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
  '08000', // connection_exception …
  '08001',
  '08003',
  '08004',
  '08006',
]);
/** Socket-level errors of the database connection (pg reports them with Node's code). */
const NET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/**
 * Messages of pg / pg-pool / TypeORM for a connection that is gone or could not be had in time. TypeORM releases a
 * query runner whose connection emitted an error, so the next statement (or the COMMIT) of that transaction reports
 * the runner as "already released": the connection was lost mid-transaction, and the server rolled it back.
 */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection provided by a query runner was already released|Query runner already released|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|terminating connection due to|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)|Connection is not established|Query read timeout/i;

/**
 * True when `e` (or what it wraps: TypeORM's `driverError`, an `cause`) says the database is unreachable or
 * restarting: a transient condition the caller should retry, answered 503 with `Retry-After` — never a 500.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === 'object' && depth < 5; depth++) {
    const err = x as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof err.code === 'string' && (PG_UNAVAILABLE.has(err.code) || NET_UNAVAILABLE.has(err.code)))
      return true;
    if (typeof err.message === 'string' && UNAVAILABLE_MESSAGE.test(err.message)) return true;
    x = err.driverError ?? err.cause;
  }
  return false;
}

/** True when `e` is the file system saying the disk (or the quota) is full. */
export function isStorageFull(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && typeof x === 'object' && depth < 5; depth++) {
    const err = x as { code?: unknown; cause?: unknown };
    if (err.code === 'ENOSPC' || err.code === 'EDQUOT') return true;
    x = err.cause;
  }
  return false;
}

const kebab = (code: string) => code.toLowerCase().replace(/_/g, '-');

function build(
  code: ProblemCode,
  status: number,
  detail: string,
  lang: Lang,
  extra: Record<string, unknown> = {},
): Problem {
  const t = PROBLEM_TITLES[code];
  // Extension members never replace the standard ones (a detail named "status" must not become the HTTP status).
  return {
    ...extra,
    type: `/problems/${kebab(code)}`,
    title: lang === 'en' ? t.en : t.zh,
    status,
    detail,
    code,
    titles: { 'zh-CN': t.zh, en: t.en },
  };
}

/** True when the error is a client error raised by Fastify itself (body parsing, content type, size). */
function fastifyClientError(e: unknown): { statusCode: number; code?: string; message: string } | undefined {
  const f = e as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (
    typeof f?.statusCode === 'number' &&
    f.statusCode >= 400 &&
    f.statusCode < 500 &&
    !(e instanceof HttpException)
  ) {
    return {
      statusCode: f.statusCode,
      code: typeof f.code === 'string' ? f.code : undefined,
      message: String(f.message ?? ''),
    };
  }
  return undefined;
}

/** The report of a failed health check (terminus: `{ status, info, error, details }`), if `body` is one. */
function healthReport(body: unknown): Record<string, Record<string, unknown>> | undefined {
  const b = body as { info?: unknown; error?: unknown; details?: unknown };
  if (!b || typeof b !== 'object' || typeof b.details !== 'object' || b.details === null) return undefined;
  return {
    info: (b.info ?? {}) as Record<string, unknown>,
    error: (b.error ?? {}) as Record<string, unknown>,
    details: b.details as Record<string, unknown>,
  };
}

/**
 * Maps anything thrown while handling a request to problem details. Unknown errors become a 500 whose
 * detail reveals nothing; the caller logs them.
 */
export function toProblem(e: unknown, lang: Lang): Problem {
  if (e instanceof DomainError) {
    const { errors, ...rest } = (e.details ?? {}) as { errors?: FieldError[] } & Record<string, unknown>;
    const localized = errors?.map(({ messageZh, ...f }) => ({
      ...f,
      message: lang === 'zh-CN' && messageZh ? messageZh : f.message,
    }));
    return build(e.code, httpStatusOf(e.code), e.message, lang, {
      ...rest,
      ...(localized ? { errors: localized } : {}),
    });
  }
  if (e instanceof HttpException) {
    const status = e.getStatus();
    const code = BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'MALFORMED_BODY');
    const body = e.getResponse();
    const health = healthReport(body);
    if (health) {
      // /health's 503 (terminus): keep the per-service report, and name what is down.
      const down = Object.keys(health.error ?? {});
      return build(code, status, `Unavailable: ${down.join(', ') || 'unknown'}`, lang, health);
    }
    const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? e.message);
    return build(code, status, Array.isArray(message) ? message.join('; ') : String(message), lang);
  }
  const f = fastifyClientError(e);
  if (f) {
    const code =
      f.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'PAYLOAD_TOO_LARGE'
        : f.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : f.code === 'FST_ERR_BAD_URL' || f.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? 'URL_INVALID'
            : (BY_STATUS[f.statusCode] ?? 'MALFORMED_BODY');
    const detail =
      code === 'PAYLOAD_TOO_LARGE'
        ? 'The request body exceeds the size limit'
        : code === 'MALFORMED_BODY'
          ? `The request body could not be parsed: ${f.message}`
          : code === 'URL_INVALID'
            ? `The request URL could not be read (check its encoding and length): ${f.message}`
            : f.message;
    return build(code, f.statusCode, detail, lang);
  }
  if (isDatabaseUnavailable(e)) {
    return build(
      'SERVICE_UNAVAILABLE',
      503,
      lang === 'en'
        ? `The database is temporarily unavailable; retry the request in ${DATABASE_RETRY_AFTER_SECONDS} seconds`
        : `数据库暂时不可用，请 ${DATABASE_RETRY_AFTER_SECONDS} 秒后重试`,
      lang,
      { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    );
  }
  if (isStorageFull(e)) {
    return build(
      'INSUFFICIENT_STORAGE',
      507,
      lang === 'en'
        ? 'The server has no space left to store the file; nothing was saved. Try again later or tell the administrator'
        : '服务器存储空间已满，文件未保存，本次提交未生效。请稍后重试或联系系统管理员',
      lang,
    );
  }
  return build('INTERNAL', 500, 'An unexpected error occurred; it has been logged with the request id', lang);
}
