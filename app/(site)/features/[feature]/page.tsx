import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { FeatureLive } from '@/components/features/FeatureLive';
import { loadFeature } from '@/lib/views/feature/loader';
import { parseFeatureParams } from '@/lib/views/feature/params';
import type { SearchParams } from '@/lib/views/shared/params';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ feature: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${(await params).feature} — Truthflow` };
}

export default async function FeaturePage({ params, searchParams }: Props) {
  const { feature } = await params;
  const { range } = parseFeatureParams(await searchParams);
  const data = await loadFeature(feature, range);
  if (!data) notFound();
  return <FeatureLive initial={data} />;
}
