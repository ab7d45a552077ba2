'use client';
// `/dlq` in the browser: polls its API and renders the view the server rendered first — or, when
// the server could not read the store, says so and keeps polling until it can.
import { StoreDown } from '@/components/status/StoreDown';
import type { FirstPaint } from '@/lib/http/first-paint';
import type { DlqData } from '@/lib/views/dlq/schema';
import { DlqView } from './DlqView';
import { DLQ_REFRESH_MS, useDlq } from './useDlq';

export function DlqLive({ initial, initialError, canPeek }: FirstPaint<DlqData> & { canPeek: boolean }) {
  const { data, refresh } = useDlq(initial, initialError);
  return data ? (
    <DlqView data={data} canPeek={canPeek} refresh={refresh} />
  ) : (
    <StoreDown title="Dead-letter queues" refresh={refresh} intervalMs={DLQ_REFRESH_MS} />
  );
}
