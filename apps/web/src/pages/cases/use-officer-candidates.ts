import { useMemo } from 'react';
import { casesApi } from '../../api/cases';
import type { CaseOfficer } from '../../api/types';
import { useAsync } from '../../lib/use-async';

export interface OfficerOption {
  value: string;
  label: string;
}

/**
 * Who may be assigned to a case of `officeId` (`GET /cases/assignable-officers`): the active officers and
 * supervisors of that office, open to its own officers and to supervisors over its region. The officers already
 * on the case stay choosable even if they left the list (e.g. deactivated), so that saving keeps them.
 * `officeId` undefined: nothing is fetched (e.g. while the form is closed).
 */
export function useOfficerCandidates(
  officeId: string | undefined,
  current: readonly Pick<CaseOfficer, 'userId' | 'username' | 'displayName'>[],
) {
  const officers = useAsync(
    (signal) => (officeId ? casesApi.assignableOfficers(officeId, signal) : Promise.resolve(null)),
    [officeId],
  );

  const options = useMemo<OfficerOption[]>(() => {
    const byId = new Map<string, string>();
    for (const o of current) byId.set(o.userId, `${o.displayName}（${o.username}）`);
    for (const u of officers.data ?? []) byId.set(u.userId, `${u.displayName}（${u.username}）`);
    return [...byId].map(([value, label]) => ({ value, label }));
  }, [current, officers.data]);

  return { options, loading: !!officeId && officers.loading, error: officeId ? officers.error : undefined };
}
