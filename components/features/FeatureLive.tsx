'use client';
// `/features/[feature]` in the browser: polls its API and renders the view the server rendered
// first — or, when the server could not read the store, says so and keeps polling until it can.
import { StoreDown } from '@/components/status/StoreDown';
import type { FirstPaint } from '@/lib/http/first-paint';
import type { FeatureData } from '@/lib/views/feature/schema';
import type { RangeKey } from '@/lib/views/shared/params';
import { FeatureView } from './FeatureView';
import { FEATURE_REFRESH_MS, useFeature } from './useFeature';

export function FeatureLive({ feature, range, initial, initialError }: FirstPaint<FeatureData> & { feature: string; range: RangeKey }) {
  const { data, refresh } = useFeature(feature, range, initial, initialError);
  return data ? (
    <FeatureView data={data} refresh={refresh} />
  ) : (
    <StoreDown title={feature} refresh={refresh} intervalMs={FEATURE_REFRESH_MS} />
  );
}
