'use client';
// The outbox page's one polling query.
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/http/fetch-json';
import { refreshStaleness } from '@/lib/views/freshness';
import { outboxDataSchema, type OutboxData } from '@/lib/views/outbox-schema';

/** The collectors' default interval: the backlog is measured once per outbox collector run. */
export const OUTBOX_REFRESH_MS = 10_000;

export function useOutbox(initial: OutboxData) {
  const query = useQuery({
    queryKey: ['outbox'],
    queryFn: ({ signal }) => fetchJson('/api/outbox', outboxDataSchema, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    staleTime: OUTBOX_REFRESH_MS,
    refetchInterval: OUTBOX_REFRESH_MS,
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
