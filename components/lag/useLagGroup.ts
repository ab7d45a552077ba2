'use client';
// One group's polling query, keyed by cluster, group and time range (all from the URL).
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/http/fetch-json';
import { refreshStaleness } from '@/lib/views/freshness';
import { groupApiHref } from '@/lib/views/lag-params';
import { lagGroupDetailSchema, type LagGroupDetail } from '@/lib/views/lag-schema';

/** The collectors' default interval: partitions and verdicts change once per kafka-lag run. */
export const LAG_GROUP_REFRESH_MS = 10_000;

export function useLagGroup(initial: LagGroupDetail) {
  const url = groupApiHref(initial.group.cluster, initial.group.groupId, initial.range);
  const query = useQuery({
    queryKey: ['lag-group', url],
    queryFn: ({ signal }) => fetchJson(url, lagGroupDetailSchema, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    staleTime: LAG_GROUP_REFRESH_MS,
    refetchInterval: LAG_GROUP_REFRESH_MS,
  });
  const staleness = refreshStaleness({
    lastSuccessAt: query.dataUpdatedAt || null,
    lastFailureAt: query.errorUpdatedAt || null,
    failure: query.error?.message ?? null,
    dataStale: false,
    dataStaleReason: null,
  });
  return { data: query.data, lastSuccessAt: query.dataUpdatedAt, ...staleness };
}
