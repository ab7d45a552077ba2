'use client';
// The DLQ page's one polling query (depth, inflow, ages, error classes; never the peek).
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/http/fetch-json';
import { dlqDataSchema, type DlqData } from '@/lib/views/dlq-schema';
import { refreshStaleness } from '@/lib/views/freshness';

/** The collectors' default interval: the dlq collector reads offsets once per run. */
export const DLQ_REFRESH_MS = 10_000;

export function useDlq(initial: DlqData) {
  const query = useQuery({
    queryKey: ['dlq'],
    queryFn: ({ signal }) => fetchJson('/api/dlq', dlqDataSchema, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    staleTime: DLQ_REFRESH_MS,
    refetchInterval: DLQ_REFRESH_MS,
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
