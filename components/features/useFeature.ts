'use client';
// The feature page's one polling query, keyed by feature and time range (both from the URL).
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import type { RangeKey } from '@/lib/views/shared/params';
import { featureSchema, type FeatureData } from '@/lib/views/feature/schema';

/** The collectors' default interval: the strip and charts cannot change faster than that. */
export const FEATURE_REFRESH_MS = 10_000;

export function useFeature(name: string, range: RangeKey, initial: FeatureData | null, initialError: string | null) {
  return useLiveQuery({
    key: ['feature', name, range],
    url: `/api/features/${encodeURIComponent(name)}?range=${range}`,
    schema: featureSchema,
    initial,
    initialError,
    intervalMs: FEATURE_REFRESH_MS,
  });
}
