import { ListRegionsQueryDto, RegionResponseDto, RegionService, toRegionResponse } from '@app/regions';

/** What `GET /regions` and `GET /public/regions` answer, for their OpenAPI summary. */
export const LIST_REGIONS_SUMMARY =
  'Children of a region (provinces when no parent), or a name search with q (within parent if given)';

/** `GET /regions` and `GET /public/regions` alike (see LIST_REGIONS_SUMMARY). */
export async function listRegions(
  regions: RegionService,
  query: ListRegionsQueryDto,
): Promise<RegionResponseDto[]> {
  const found = query.q
    ? await regions.search(query.q, query.parent)
    : await regions.children(query.parent ?? null);
  return found.map(toRegionResponse);
}
