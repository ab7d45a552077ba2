'use client';
// `/features/[feature]` in the browser: polls its API and renders the view the server rendered first.
import type { FeatureData } from '@/lib/views/feature/schema';
import { FeatureView } from './FeatureView';
import { useFeature } from './useFeature';

export function FeatureLive({ initial }: { initial: FeatureData }) {
  const { data, lastSuccessAt, stale, reason } = useFeature(initial);
  return <FeatureView data={data} refresh={{ lastSuccessAt, stale, reason }} />;
}
