import { useMemo } from 'react';
import type { IndicatorKey } from '../../api/stats';
import { useAuth } from '../../auth/auth-context';
import { useUrlQuery } from '../../lib/use-url-query';
import { filtersFrom, RANK_BY, regionLevel, type BreakdownView, type StatsFilters } from './stats-model';

/**
 * The dashboard's state, all in the URL: the filters (`region`, `from`, `to`, `ipType`, `procedure`, `source`,
 * `officeId`), the breakdown shown (`view` = regions | offices), the ranking's indicator (`rank`) and the office
 * whose officers' workload is open (`workload`; the office filter's by default).
 */
export function useStatsFilters() {
  const url = useUrlQuery();
  const { me, hasAnyRole } = useAuth();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters: StatsFilters = useMemo(() => filtersFrom(url.get), [url.key]);
  // The region the figures cover without a region filter: an admin's is the country, anyone else's their own.
  const ownRegion = hasAnyRole(['admin']) ? null : (me?.region.code ?? null);
  const ownRegionName = hasAnyRole(['admin']) ? null : (me?.region.name ?? null);
  const scopeRegion = filters.region ?? ownRegion;
  const level = regionLevel(scopeRegion);
  // A county has no child regions to break down into.
  const view: BreakdownView = level === 'county' || url.get('view') === 'offices' ? 'offices' : 'regions';
  const rankParam = url.get('rank') as IndicatorKey | undefined;
  const rank: IndicatorKey = rankParam && RANK_BY.includes(rankParam) ? rankParam : 'casesFiled';
  const workloadOffice = url.get('workload') || filters.officeId;
  return { url, filters, ownRegion, ownRegionName, scopeRegion, level, view, rank, workloadOffice };
}

export type StatsState = ReturnType<typeof useStatsFilters>;
