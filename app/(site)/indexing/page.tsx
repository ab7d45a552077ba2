import type { Metadata } from 'next';
import { IndexingLive } from '@/components/indexing/IndexingLive';
import { firstPaint } from '@/lib/http/first-paint';
import { loadIndexing } from '@/lib/views/indexing/loader';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Indexing — Truthflow' };

export default async function IndexingPage() {
  return <IndexingLive {...await firstPaint(loadIndexing)} />;
}
