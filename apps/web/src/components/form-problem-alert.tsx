import type { FormProblem } from '../lib/form-errors';
import { ProblemAlert } from './problem-alert';

/** Above a form: the problem of its last submit, less the field errors shown beside their fields. */
export function FormProblemAlert({ problem }: { problem: FormProblem | null }) {
  return problem ? (
    <ProblemAlert
      className="form-alert"
      error={problem.problem}
      unmatched={problem.unmatched}
      mappedAny={problem.mappedAny}
    />
  ) : null;
}
