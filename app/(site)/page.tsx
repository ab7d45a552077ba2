import { OverviewLive } from '@/components/overview/OverviewLive';
import { firstPaint } from '@/lib/http/first-paint';
import { loadOverview } from '@/lib/views/overview/loader';
import { parseOverviewParams } from '@/lib/views/overview/params';
import type { SearchParams } from '@/lib/views/shared/params';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = parseOverviewParams(await searchParams);
  return <OverviewLive {...await firstPaint(() => loadOverview(params))} params={params} />;
}
