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
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  423: 'ACCOUNT_LOCKED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

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
          : (BY_STATUS[f.statusCode] ?? 'MALFORMED_BODY');
    const detail =
      code === 'PAYLOAD_TOO_LARGE'
        ? 'The request body exceeds the size limit'
        : code === 'MALFORMED_BODY'
          ? `The request body could not be parsed: ${f.message}`
          : f.message;
    return build(code, f.statusCode, detail, lang);
  }
  return build('INTERNAL', 500, 'An unexpected error occurred; it has been logged with the request id', lang);
}
