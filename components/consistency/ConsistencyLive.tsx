'use client';
// `/consistency` in the browser: polls its API and renders the view the server rendered first — or,
// when the server could not read the store, says so and keeps polling until it can.
import { StoreDown } from '@/components/status/StoreDown';
import type { FirstPaint } from '@/lib/http/first-paint';
import type { ConsistencyData } from '@/lib/views/consistency/schema';
import { ConsistencyView } from './ConsistencyView';
import { CONSISTENCY_REFRESH_MS, useConsistency } from './useConsistency';

export function ConsistencyLive({ initial, initialError }: FirstPaint<ConsistencyData>) {
  const { data, refresh } = useConsistency(initial, initialError);
  return data ? (
    <ConsistencyView data={data} refresh={refresh} />
  ) : (
    <StoreDown title="Consistency" refresh={refresh} intervalMs={CONSISTENCY_REFRESH_MS} />
  );
}
