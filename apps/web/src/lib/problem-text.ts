import type { Problem } from '../api/types';
import type { Lang } from '../i18n';

const CJK = /[\u3400-\u9fff]/;

/**
 * The server localises `title` (Accept-Language) but writes `detail` for developers, usually in English.
 * Chinese readers get the detail only when it is in Chinese; English readers always get it.
 */
export function readableDetail(problem: Problem, lang: Lang): string | undefined {
  const detail = typeof problem.detail === 'string' ? problem.detail.trim() : '';
  if (!detail || detail === problem.title) return undefined;
  return lang === 'en' || CJK.test(detail) ? detail : undefined;
}
