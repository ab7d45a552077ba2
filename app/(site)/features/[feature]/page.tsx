import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { FeatureLive } from '@/components/features/FeatureLive';
import { firstPaint } from '@/lib/http/first-paint';
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
  // No such feature is known from the config before the store is read; a store that cannot be read renders "store unreachable" and polls.
  const paint = await firstPaint(() => loadFeature(feature, range));
  if (paint.initialError === null && paint.initial === null) notFound();
  return <FeatureLive feature={feature} range={range} {...paint} />;
}
