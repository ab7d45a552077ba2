'use client';
// `/lag` in the browser: polls the groups API for the URL's page and renders the server's first
// view — or, when the server could not read the store, says so and keeps polling until it can.
import { StoreDown } from '@/components/status/StoreDown';
import type { FirstPaint } from '@/lib/http/first-paint';
import type { LagListParams } from '@/lib/views/lag/params';
import type { LagGroupsData } from '@/lib/views/lag/schema';
import { LagGroupsView } from './LagGroupsView';
import { LAG_GROUPS_REFRESH_MS, useLagGroups } from './useLagGroups';

export function LagGroupsLive({ params, initial, initialError }: FirstPaint<LagGroupsData> & { params: LagListParams }) {
  const { data, refresh } = useLagGroups(params, initial, initialError);
  return data ? (
    <LagGroupsView data={data} refresh={refresh} />
  ) : (
    <StoreDown title="Consumer lag" refresh={refresh} intervalMs={LAG_GROUPS_REFRESH_MS} />
  );
}
