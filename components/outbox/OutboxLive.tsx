'use client';
// `/outbox` in the browser: polls its API and renders the view the server rendered first.
import type { OutboxData } from '@/lib/views/outbox/schema';
import { OutboxView } from './OutboxView';
import { useOutbox } from './useOutbox';

export function OutboxLive({ initial }: { initial: OutboxData }) {
  const { data, lastSuccessAt, stale, reason } = useOutbox(initial);
  return <OutboxView data={data} refresh={{ lastSuccessAt, stale, reason }} />;
}
