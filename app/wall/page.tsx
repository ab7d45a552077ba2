// The wall screen lives outside the (site) group: no navigation bar, nothing to click.
import type { Metadata } from 'next';
import { Wall } from '@/components/wall/Wall';
import { loadWallOrError } from '@/lib/views/wall/loader';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Truthflow — wall screen' };

export default async function WallPage() {
  const { data, error } = await loadWallOrError();
  return <Wall initial={data} initialError={error} />;
}
