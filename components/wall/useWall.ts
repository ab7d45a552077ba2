'use client';
// The wall screen's one polling query. A wall is watched from across the room, so a refresh that
// fails — or hangs — must turn into the stale banner, never into a frozen screen of old greens.
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/http/fetch-json';
import { refreshStaleness } from '@/lib/views/shared/freshness';
import { wallSchema, type WallData } from '@/lib/views/wall/schema';

export const WALL_REFRESH_MS = 5_000;
/** A request still open after this counts as failed (a hung store must not look like a slow one). */
export const WALL_FETCH_TIMEOUT_MS = 4_000;

export function useWall(initial: WallData | null, initialError: string | null) {
  const query = useQuery({
    queryKey: ['wall'],
    queryFn: ({ signal }) => fetchJson('/api/wall', wallSchema, AbortSignal.any([signal, AbortSignal.timeout(WALL_FETCH_TIMEOUT_MS)])),
    initialData: initial ?? undefined,
    initialDataUpdatedAt: initial ? Date.parse(initial.generatedAt) : undefined,
    staleTime: WALL_REFRESH_MS,
    refetchInterval: WALL_REFRESH_MS,
    // Nobody focuses a wall screen's tab: keep polling whatever the browser thinks of it.
    refetchIntervalInBackground: true,
    retry: 0,
  });
  const staleness = refreshStaleness({
    lastSuccessAt: query.dataUpdatedAt || null,
    lastFailureAt: query.errorUpdatedAt || null,
    failure: query.error?.message ?? initialError,
    dataStale: query.data?.dataStale ?? false,
    dataStaleReason: query.data?.staleReason ?? null,
  });
  return { data: query.data ?? null, lastSuccessAt: query.dataUpdatedAt || null, ...staleness };
}
