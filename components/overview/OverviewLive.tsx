'use client';
// `/` in the browser: polls the overview API and renders the same view the server rendered first.
import type { OverviewData } from '@/lib/views/overview/schema';
import type { OverviewParams } from '@/lib/views/overview/params';
import { Overview } from './Overview';
import { useOverview } from './useOverview';

export function OverviewLive({ initial, params }: { initial: OverviewData; params: OverviewParams }) {
  const { data, lastSuccessAt, stale, reason } = useOverview(initial, params);
  return <Overview data={data} params={params} refresh={{ lastSuccessAt, stale, reason }} />;
}
