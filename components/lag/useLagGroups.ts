'use client';
// The groups page's one polling query, keyed by the URL state (filters, sort, page). The server
// render seeds it, so the first paint needs no fetch.
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import { lagApiHref, type LagListParams } from '@/lib/views/lag/params';
import { lagGroupsSchema, type LagGroupsData } from '@/lib/views/lag/schema';

/** The collectors' default interval: a snapshot cannot change faster than the kafka-lag collector runs. */
export const LAG_GROUPS_REFRESH_MS = 10_000;

export function useLagGroups(params: LagListParams, initial: LagGroupsData | null, initialError: string | null) {
  const url = lagApiHref(params);
  return useLiveQuery({ key: ['lag-groups', url], url, schema: lagGroupsSchema, initial, initialError, intervalMs: LAG_GROUPS_REFRESH_MS });
}
