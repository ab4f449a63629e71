import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { isApiError, type ApiError } from '../api/http';
import { applyProblemToForm, type FormProblem } from './form-errors';

/** What to do instead of showing the problem, by HTTP status (409: the page reloads the record, say). */
export type StatusHandlers = Partial<Record<number, (error: ApiError) => void>>;

/**
 * Sending a form to the API: `saving` while `send` runs; if it fails, the server's field errors go beside the fields
 * and the rest into `problem` (for a FormProblemAlert), unless `handlers` take the answer's status.
 */
export function useFormSubmit(form: FormInstance) {
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const submit = useCallback(
    async (send: () => Promise<void>, handlers: StatusHandlers = {}) => {
      setSaving(true);
      setProblem(null);
      try {
        await send();
      } catch (err) {
        const handle = isApiError(err) ? handlers[err.status] : undefined;
        if (handle) handle(err as ApiError);
        else setProblem(applyProblemToForm(form, err));
      } finally {
        setSaving(false);
      }
    },
    [form],
  );
  const clearProblem = useCallback(() => setProblem(null), []);

  return { saving, problem, submit, clearProblem };
}
