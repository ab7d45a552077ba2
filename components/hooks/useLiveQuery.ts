'use client';
// The one way a page polls its JSON API (after umami's useRealtimeQuery): seeded by the server
// render, refetched every `intervalMs`, validated with the page's zod schema, and reported with how
// stale it is, so a failing refresh is shown instead of silently keeping old numbers. When the
// server render could not read the store (initial null, see lib/http/first-paint.ts) there is no
// seed: the hook fetches at once and keeps polling, and the page fills in when the store answers.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RefreshInfo } from '@/components/status/RefreshNote';
import { fetchJson } from '@/lib/http/fetch-json';
import { refreshStaleness } from '@/lib/views/shared/freshness';

export interface LiveQuery<S extends z.ZodType> {
  key: readonly unknown[];
  url: string;
  schema: S;
  /** The server render's data; null when it could not read the store (initialError says why). */
  initial: (z.output<S> & { generatedAt: string }) | null;
  initialError?: string | null;
  intervalMs: number;
}

export function useLiveQuery<S extends z.ZodType>({ key, url, schema, initial, initialError = null, intervalMs }: LiveQuery<S>) {
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson(url, schema, signal),
    initialData: initial ?? undefined,
    initialDataUpdatedAt: initial ? Date.parse(initial.generatedAt) : undefined,
    staleTime: intervalMs,
    refetchInterval: intervalMs,
  });
  const staleness = refreshStaleness({
    lastSuccessAt: query.dataUpdatedAt || null,
    lastFailureAt: query.errorUpdatedAt || null,
    // Until the first fetch of a page rendered without data settles, the server's reason stands.
    failure: query.error?.message ?? (query.data === undefined ? initialError : null),
    dataStale: false,
    dataStaleReason: null,
  });
  /** null until the store has answered once: the page shows StoreDown, never empty tables. */
  const data: z.output<S> | null = query.data ?? null;
  /** What RefreshNote and StoreDown take, so a Live component passes it on as it is. */
  const refresh: RefreshInfo = { lastSuccessAt: query.dataUpdatedAt, ...staleness };
  // Also spread: the lag, DLQ, feature and overview pages still read the three fields one by one.
  return { data, refresh, ...refresh };
}
