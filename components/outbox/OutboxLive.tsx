'use client';
// `/outbox` in the browser: polls its API and renders the view the server rendered first — or,
// when the server could not read the store, says so and keeps polling until it can.
import { StoreDown } from '@/components/status/StoreDown';
import type { FirstPaint } from '@/lib/http/first-paint';
import type { OutboxData } from '@/lib/views/outbox/schema';
import { OutboxView } from './OutboxView';
import { OUTBOX_REFRESH_MS, useOutbox } from './useOutbox';

export function OutboxLive({ initial, initialError }: FirstPaint<OutboxData>) {
  const { data, refresh } = useOutbox(initial, initialError);
  return data ? (
    <OutboxView data={data} refresh={refresh} />
  ) : (
    <StoreDown title="Outbox" refresh={refresh} intervalMs={OUTBOX_REFRESH_MS} />
  );
}
