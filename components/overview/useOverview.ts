'use client';
// The overview's one polling query. Server-rendered data seeds it, so the first paint needs no fetch.
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import type { OverviewParams } from '@/lib/views/overview/params';
import { overviewSchema, type OverviewData } from '@/lib/views/overview/schema';

/** Same cadence as the collectors' default interval: polling faster would only redraw the same verdicts. */
export const OVERVIEW_REFRESH_MS = 10_000;

export function useOverview(params: OverviewParams, initial: OverviewData | null, initialError: string | null) {
  return useLiveQuery({
    key: ['overview', params.tier ?? 'all'],
    url: `/api/overview${params.tier === undefined ? '' : `?tier=${params.tier}`}`,
    schema: overviewSchema,
    initial,
    initialError,
    intervalMs: OVERVIEW_REFRESH_MS,
  });
}
