'use client';
// `/indexing` in the browser: polls its API and renders the view the server rendered first.
import type { IndexingData } from '@/lib/views/indexing/schema';
import { IndexingView } from './IndexingView';
import { useIndexing } from './useIndexing';

export function IndexingLive({ initial }: { initial: IndexingData }) {
  const { data, lastSuccessAt, stale, reason } = useIndexing(initial);
  return <IndexingView data={data} refresh={{ lastSuccessAt, stale, reason }} />;
}
