'use client';
// One group's polling query, keyed by cluster, group and time range (all from the URL).
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import { groupApiHref } from '@/lib/views/lag/params';
import { lagGroupDetailSchema, type LagGroupDetail } from '@/lib/views/lag/schema';
import type { RangeKey } from '@/lib/views/shared/params';

/** The collectors' default interval: partitions and verdicts change once per kafka-lag run. */
export const LAG_GROUP_REFRESH_MS = 10_000;

export interface GroupKey {
  cluster: string;
  group: string;
  range: RangeKey;
}

export function useLagGroup({ cluster, group, range }: GroupKey, initial: LagGroupDetail | null, initialError: string | null) {
  const url = groupApiHref(cluster, group, range);
  return useLiveQuery({
    key: ['lag-group', url],
    url,
    schema: lagGroupDetailSchema,
    initial,
    initialError,
    intervalMs: LAG_GROUP_REFRESH_MS,
  });
}
