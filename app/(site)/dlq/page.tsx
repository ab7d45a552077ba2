import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { DlqLive } from '@/components/dlq/DlqLive';
import { callerOf } from '@/lib/auth/guard';
import { firstPaint } from '@/lib/http/first-paint';
import { loadDlqs } from '@/lib/views/dlq/loader';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Dead-letter queues — Truthflow' };

export default async function DlqPage() {
  // The role decides whether the peek button is offered; the peek API checks it again on its own.
  const caller = callerOf(new Request('http://truthflow.local/dlq', { headers: await headers() }));
  return <DlqLive {...await firstPaint(loadDlqs)} canPeek={caller?.role === 'admin'} />;
}
