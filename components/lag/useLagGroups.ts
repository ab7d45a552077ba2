'use client';
// The groups page's one polling query, keyed by the URL state (filters, sort, page). The server
// render seeds it, so the first paint needs no fetch.
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/http/fetch-json';
import { refreshStaleness } from '@/lib/views/freshness';
import { lagApiHref } from '@/lib/views/lag-params';
import { lagGroupsSchema, type LagGroupsData } from '@/lib/views/lag-schema';

/** The collectors' default interval: a snapshot cannot change faster than the kafka-lag collector runs. */
export const LAG_GROUPS_REFRESH_MS = 10_000;

export function useLagGroups(initial: LagGroupsData) {
  const url = lagApiHref(initial.params);
  const query = useQuery({
    queryKey: ['lag-groups', url],
    queryFn: ({ signal }) => fetchJson(url, lagGroupsSchema, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    staleTime: LAG_GROUPS_REFRESH_MS,
    refetchInterval: LAG_GROUPS_REFRESH_MS,
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
