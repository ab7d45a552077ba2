'use client';
// The feature page's one polling query, keyed by feature and time range (both from the URL).
import { useQuery } from '@tanstack/react-query';
import { fetchJson } from '@/lib/http/fetch-json';
import { refreshStaleness } from '@/lib/views/freshness';
import { featureSchema, type FeatureData } from '@/lib/views/schema-feature';

/** The collectors' default interval: the strip and charts cannot change faster than that. */
export const FEATURE_REFRESH_MS = 10_000;

export function useFeature(initial: FeatureData) {
  const { name } = initial.feature;
  const query = useQuery({
    queryKey: ['feature', name, initial.range],
    queryFn: ({ signal }) => fetchJson(`/api/features/${encodeURIComponent(name)}?range=${initial.range}`, featureSchema, signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    staleTime: FEATURE_REFRESH_MS,
    refetchInterval: FEATURE_REFRESH_MS,
  });
  const staleness = refreshStaleness({
    lastSuccessAt: query.dataUpdatedAt || null,
    lastFailureAt: query.errorUpdatedAt || null,
    failure: query.error?.message ?? null,
    dataStale: false,
    dataStaleReason: null,
  });
  return { data: query.data, lastSuccessAt: query.dataUpdatedAt, ...staleness };
}
