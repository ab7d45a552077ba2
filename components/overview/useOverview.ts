'use client';
// The overview's one polling query. Server-rendered data seeds it, so the first paint needs no fetch.
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/http/fetch-json';
import { refreshStaleness } from '@/lib/views/freshness';
import { overviewSchema, type OverviewData } from '@/lib/views/schema-overview';
import type { OverviewParams } from '@/lib/views/url-state';

/** Same cadence as the collectors' default interval: polling faster would only redraw the same verdicts. */
export const OVERVIEW_REFRESH_MS = 10_000;

export function useOverview(initial: OverviewData, params: OverviewParams) {
  const query = useQuery({
    queryKey: ['overview', params.tier ?? 'all'],
    queryFn: ({ signal }) => fetchJson(`/api/overview${params.tier === undefined ? '' : `?tier=${params.tier}`}`, overviewSchema, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    staleTime: OVERVIEW_REFRESH_MS,
    refetchInterval: OVERVIEW_REFRESH_MS,
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
