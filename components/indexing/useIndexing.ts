'use client';
// The indexing page's one polling query.
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/http/fetch-json';
import { refreshStaleness } from '@/lib/views/freshness';
import { indexingDataSchema, type IndexingData } from '@/lib/views/indexing-schema';

/** The collectors' default interval: node stats are read once per indexing collector run. */
export const INDEXING_REFRESH_MS = 10_000;

export function useIndexing(initial: IndexingData) {
  const query = useQuery({
    queryKey: ['indexing'],
    queryFn: ({ signal }) => fetchJson('/api/indexing', indexingDataSchema, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    staleTime: INDEXING_REFRESH_MS,
    refetchInterval: INDEXING_REFRESH_MS,
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
