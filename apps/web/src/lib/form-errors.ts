import type { FormInstance } from 'antd';
import { ApiError } from '../api/http';
import type { FieldError, Problem } from '../api/types';
import { translate } from '../i18n/lang';

export interface FormProblem {
  problem: Problem;
  /** field errors that matched no field of the form; show them in the form-level alert */
  unmatched: FieldError[];
  /** true when at least one message was placed next to a field */
  mappedAny: boolean;
}

type NamePath = (string | number)[];

function toPath(field: string): NamePath {
  // "office.id" -> ["office", "id"]; "roles[0]" / "roles.0" -> ["roles", 0]
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Put the server's problem+json field errors next to the fields of an antd form (`form.setFields`).
 * An error on `roles.0` lands on `roles` if there is no deeper field. Anything else is returned for an alert.
 */
export function applyProblemToForm(form: FormInstance, error: unknown): FormProblem {
  const problem: Problem =
    error instanceof ApiError
      ? error.problem
      : {
          type: 'about:blank',
          title: error instanceof Error ? error.message : translate('error.http', { status: 0 }),
          status: 0,
        };

  const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: FieldError[] = [];

  for (const fe of problem.errors ?? []) {
    const path = toPath(fe.field);
    let target: NamePath | null = null;
    for (let len = path.length; len > 0 && !target; len--) {
      const candidate = path.slice(0, len);
      if (registered.has(JSON.stringify(candidate))) target = candidate;
    }
    if (!target) {
      unmatched.push(fe);
      continue;
    }
    const key = JSON.stringify(target);
    const entry = byField.get(key) ?? { name: target, errors: [] };
    entry.errors.push(fe.message);
    byField.set(key, entry);
  }

  form.setFields([...byField.values()]);
  const first = byField.values().next();
  if (!first.done) form.scrollToField(first.value.name, { block: 'center', focus: true });
  return { problem, unmatched, mappedAny: byField.size > 0 };
}
