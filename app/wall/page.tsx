// The wall screen lives outside the (site) group: no navigation bar, nothing to click. Its URL
// picks tiers and features (`/wall?tier=0,1&feature=checkout,search`), so a reload keeps them.
import type { Metadata } from 'next';
import { Wall } from '@/components/wall/Wall';
import { firstPaint } from '@/lib/http/first-paint';
import type { SearchParams } from '@/lib/views/shared/params';
import { loadWall } from '@/lib/views/wall/loader';
import { parseWallParams } from '@/lib/views/wall/params';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Truthflow — wall screen' };

export default async function WallPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = parseWallParams(await searchParams);
  // A store that cannot be read is the screen's stale banner, and it keeps polling (lib/http/first-paint.ts).
  const { initial, initialError } = await firstPaint(loadWall);
  return <Wall initial={initial} initialError={initialError} params={params} />;
}
