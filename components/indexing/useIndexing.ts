'use client';
// The indexing page's one polling query.
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import { indexingDataSchema, type IndexingData } from '@/lib/views/indexing/schema';

/** The collectors' default interval: node stats are read once per indexing collector run. */
export const INDEXING_REFRESH_MS = 10_000;

export function useIndexing(initial: IndexingData | null, initialError: string | null) {
  return useLiveQuery({
    key: ['indexing'],
    url: '/api/indexing',
    schema: indexingDataSchema,
    initial,
    initialError,
    intervalMs: INDEXING_REFRESH_MS,
  });
}
