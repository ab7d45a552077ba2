import type { Metadata } from 'next';
import { OutboxLive } from '@/components/outbox/OutboxLive';
import { firstPaint } from '@/lib/http/first-paint';
import { loadOutboxes } from '@/lib/views/outbox/loader';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Outbox — Truthflow' };

export default async function OutboxPage() {
  return <OutboxLive {...await firstPaint(loadOutboxes)} />;
}
