import { OverviewLive } from '@/components/overview/OverviewLive';
import { loadOverview } from '@/lib/views/overview/loader';
import { parseOverviewParams } from '@/lib/views/overview/params';
import type { SearchParams } from '@/lib/views/shared/params';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = parseOverviewParams(await searchParams);
  return <OverviewLive initial={await loadOverview(params)} params={params} />;
}
