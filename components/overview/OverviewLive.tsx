'use client';
// `/` in the browser: polls the overview API and renders the same view the server rendered first —
// or, when the server could not read the store, says so and keeps polling until it can.
import { StoreDown } from '@/components/status/StoreDown';
import type { FirstPaint } from '@/lib/http/first-paint';
import type { OverviewParams } from '@/lib/views/overview/params';
import type { OverviewData } from '@/lib/views/overview/schema';
import { Overview } from './Overview';
import { OVERVIEW_REFRESH_MS, useOverview } from './useOverview';

export function OverviewLive({ initial, initialError, params }: FirstPaint<OverviewData> & { params: OverviewParams }) {
  const { data, refresh } = useOverview(params, initial, initialError);
  return data ? (
    <Overview data={data} params={params} refresh={refresh} />
  ) : (
    <StoreDown title="Overview" refresh={refresh} intervalMs={OVERVIEW_REFRESH_MS} />
  );
}
