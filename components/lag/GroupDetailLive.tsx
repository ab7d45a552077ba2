'use client';
// `/lag/[cluster]/[group]` in the browser: polls the group's API and renders the server's first
// view — or, when the server could not read the store, says so and keeps polling until it can.
import { StoreDown } from '@/components/status/StoreDown';
import type { FirstPaint } from '@/lib/http/first-paint';
import type { LagGroupDetail } from '@/lib/views/lag/schema';
import { GroupDetail } from './GroupDetail';
import { LAG_GROUP_REFRESH_MS, useLagGroup, type GroupKey } from './useLagGroup';

export function GroupDetailLive({ cluster, group, range, initial, initialError }: FirstPaint<LagGroupDetail> & GroupKey) {
  const { data, refresh } = useLagGroup({ cluster, group, range }, initial, initialError);
  return data ? (
    <GroupDetail data={data} refresh={refresh} />
  ) : (
    <StoreDown title={group} refresh={refresh} intervalMs={LAG_GROUP_REFRESH_MS} />
  );
}
