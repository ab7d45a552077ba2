import type { Metadata } from 'next';
import { ConsistencyLive } from '@/components/consistency/ConsistencyLive';
import { firstPaint } from '@/lib/http/first-paint';
import { loadConsistency } from '@/lib/views/consistency/loader';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Consistency — Truthflow' };

export default async function ConsistencyPage() {
  return <ConsistencyLive {...await firstPaint(loadConsistency)} />;
}
