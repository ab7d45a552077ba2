import type { Metadata } from 'next';
import { LagGroupsLive } from '@/components/lag/LagGroupsLive';
import { firstPaint } from '@/lib/http/first-paint';
import { loadLagGroups } from '@/lib/views/lag/list-loader';
import { parseLagListParams } from '@/lib/views/lag/params';
import type { SearchParams } from '@/lib/views/shared/params';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Consumer lag — Truthflow' };

export default async function LagPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = parseLagListParams(await searchParams);
  return <LagGroupsLive params={params} {...await firstPaint(() => loadLagGroups(params))} />;
}
