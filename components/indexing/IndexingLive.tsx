'use client';
// `/indexing` in the browser: polls its API and renders the view the server rendered first — or,
// when the server could not read the store, says so and keeps polling until it can.
import { StoreDown } from '@/components/status/StoreDown';
import type { FirstPaint } from '@/lib/http/first-paint';
import type { IndexingData } from '@/lib/views/indexing/schema';
import { IndexingView } from './IndexingView';
import { INDEXING_REFRESH_MS, useIndexing } from './useIndexing';

export function IndexingLive({ initial, initialError }: FirstPaint<IndexingData>) {
  const { data, refresh } = useIndexing(initial, initialError);
  return data ? (
    <IndexingView data={data} refresh={refresh} />
  ) : (
    <StoreDown title="Indexing" refresh={refresh} intervalMs={INDEXING_REFRESH_MS} />
  );
}
