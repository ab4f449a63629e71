import { officesApi } from '../api/endpoints';
import type { Office } from '../api/types';
import { useAsync } from './use-async';

/** One office by id (e.g. the one just chosen in an OfficeSelect, for its region); undefined until loaded. */
export function useOffice(officeId: string | undefined): Office | undefined {
  const loaded = useAsync(
    (signal) => (officeId ? officesApi.get(officeId, signal) : Promise.resolve(undefined)),
    [officeId],
  );
  return officeId && loaded.data?.id === officeId ? loaded.data : undefined;
}
