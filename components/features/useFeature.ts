'use client';
// The feature page's one polling query, keyed by feature and time range (both from the URL).
import { useLiveQuery } from '@/components/hooks/useLiveQuery';
import { featureSchema, type FeatureData } from '@/lib/views/feature/schema';

/** The collectors' default interval: the strip and charts cannot change faster than that. */
export const FEATURE_REFRESH_MS = 10_000;

export function useFeature(initial: FeatureData) {
  const { name } = initial.feature;
  return useLiveQuery({ key: ['feature', name, initial.range], url: `/api/features/${encodeURIComponent(name)}?range=${initial.range}`, schema: featureSchema, initial, intervalMs: FEATURE_REFRESH_MS });
}
