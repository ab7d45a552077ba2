// The wall screen lives outside the (site) group: no navigation bar, nothing to click.
import type { Metadata } from 'next';
import { Wall } from '@/components/wall/Wall';
import { firstPaint } from '@/lib/http/first-paint';
import { loadWall } from '@/lib/views/wall/loader';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Truthflow — wall screen' };

export default async function WallPage() {
  // A store that cannot be read is the screen's stale banner, and it keeps polling (lib/http/first-paint.ts).
  const { initial, initialError } = await firstPaint(loadWall);
  return <Wall initial={initial} initialError={initialError} />;
}
