'use client';
// The one way a page polls its JSON API (after umami's useRealtimeQuery): seeded by the server
// render, refetched every `intervalMs`, validated with the page's zod schema, and reported with how
// stale it is, so a failing refresh is shown instead of silently keeping old numbers.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { fetchJson } from '@/lib/http/fetch-json';
import { refreshStaleness } from '@/lib/views/freshness';

export interface LiveQuery<S extends z.ZodType> {
  key: readonly unknown[];
  url: string;
  schema: S;
  initial: z.output<S> & { generatedAt: string };
  intervalMs: number;
}

export function useLiveQuery<S extends z.ZodType>({ key, url, schema, initial, intervalMs }: LiveQuery<S>) {
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson(url, schema, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    staleTime: intervalMs,
    refetchInterval: intervalMs,
  });
  const staleness = refreshStaleness({
    lastSuccessAt: query.dataUpdatedAt || null,
    lastFailureAt: query.errorUpdatedAt || null,
    failure: query.error?.message ?? null,
    dataStale: false,
    dataStaleReason: null,
  });
  return { data: query.data as z.output<S>, lastSuccessAt: query.dataUpdatedAt, ...staleness };
}
