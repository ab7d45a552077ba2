import { Overview } from '@/components/overview/Overview';
import { loadOverview } from '@/lib/views/overview';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  return <Overview data={await loadOverview()} />;
}
