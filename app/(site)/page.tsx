import { OverviewLive } from '@/components/overview/OverviewLive';
import { loadOverview } from '@/lib/views/overview';
import { parseOverviewParams, type SearchParams } from '@/lib/views/url-state';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = parseOverviewParams(await searchParams);
  return <OverviewLive initial={await loadOverview(params)} params={params} />;
}
