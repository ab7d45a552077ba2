'use client';
// One group's polling query, keyed by cluster, group and time range (all from the URL).
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import { groupApiHref } from '@/lib/views/lag/params';
import { lagGroupDetailSchema, type LagGroupDetail } from '@/lib/views/lag/schema';

/** The collectors' default interval: partitions and verdicts change once per kafka-lag run. */
export const LAG_GROUP_REFRESH_MS = 10_000;

export function useLagGroup(initial: LagGroupDetail) {
  const url = groupApiHref(initial.group.cluster, initial.group.groupId, initial.range);
  return useLiveQuery({ key: ['lag-group', url], url, schema: lagGroupDetailSchema, initial, intervalMs: LAG_GROUP_REFRESH_MS });
}
