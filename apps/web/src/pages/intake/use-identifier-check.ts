import { useEffect, useState } from 'react';
import { http } from '../../api/http';
import type { components } from '../../api/schema';
import { useLang } from '../../i18n';
import { useDebounced } from '../../lib/use-debounced';

/**
 * The identifier kinds `POST /identifiers/validate` knows. Which of them number a right of each IP type comes with
 * the workflow catalog (`ipTypes[].rightNumberKinds`, GET /workflows).
 */
export type IdentifierKind = components['schemas']['ValidateIdentifierDto']['kind'];

type ValidateResponse =
  | {
      ok: true;
      normalized: string;
      warnings: string[];
      notes: { code: string; message: string; messageZh: string }[];
    }
  | { ok: false; code: string; reason: string; reasonZh: string };

export interface IdentifierCheck {
  /** idle: nothing to check (empty, or a kind without rules); checking: the answer is on its way */
  state: 'idle' | 'checking' | 'ok' | 'error';
  /** the kind that accepted the value */
  kind?: IdentifierKind;
  /** the canonical spelling the server stores (and the duplicate check compares) */
  normalized?: string;
  /** why it was refused, in the UI language */
  message?: string;
  /** remarks on an accepted value (e.g. a credit code whose check character does not match) */
  notes: string[];
}

const IDLE: IdentifierCheck = { state: 'idle', notes: [] };
const DELAY_MS = 250;

/**
 * Checks `value` as the operator types (debounced), against each kind in turn: the first kind that accepts it
 * wins; otherwise the first kind's reason is shown. The rules live on the server (`POST /identifiers/validate`).
 */
export function useIdentifierCheck(
  value: string | undefined,
  kinds: readonly IdentifierKind[],
): IdentifierCheck {
  const { lang } = useLang();
  const trimmed = (value ?? '').trim();
  const settled = useDebounced(trimmed, DELAY_MS);
  const kindsKey = kinds.join(',');
  const [result, setResult] = useState<{ key: string; check: IdentifierCheck } | null>(null);
  const key = `${kindsKey}|${settled}|${lang}`;

  useEffect(() => {
    if (!settled || !kindsKey) return;
    const controller = new AbortController();
    const list = kindsKey.split(',') as IdentifierKind[];
    Promise.all(
      list.map((kind) =>
        http.post<ValidateResponse>(
          '/identifiers/validate',
          { kind, value: settled },
          { signal: controller.signal },
        ),
      ),
    ).then(
      (answers) => {
        const i = answers.findIndex((a) => a.ok);
        const accepted = answers[i];
        const check: IdentifierCheck =
          accepted && accepted.ok
            ? {
                state: 'ok',
                kind: list[i],
                normalized: accepted.normalized,
                notes: accepted.notes.map((n) => (lang === 'en' ? n.message : n.messageZh)),
              }
            : (() => {
                const first = answers[0] as Extract<ValidateResponse, { ok: false }>;
                return { state: 'error', message: lang === 'en' ? first.reason : first.reasonZh, notes: [] };
              })();
        setResult({ key, check });
      },
      () => {
        // The server could not be asked: say nothing now, the save will check.
        if (!controller.signal.aborted) setResult({ key, check: IDLE });
      },
    );
    return () => controller.abort();
  }, [key, settled, kindsKey, lang]);

  if (!trimmed || !kinds.length) return IDLE;
  if (trimmed !== settled || result?.key !== key) return { state: 'checking', notes: [] };
  return result.check;
}
