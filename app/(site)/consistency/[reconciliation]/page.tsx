import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MismatchesLive } from '@/components/consistency/MismatchesLive';
import { firstPaint } from '@/lib/http/first-paint';
import { decodePathSegment } from '@/lib/http/path-segment';
import { loadMismatches } from '@/lib/views/consistency/loader';
import { parseMismatchesParams, reconciliationParamSchema } from '@/lib/views/consistency/params';
import type { SearchParams } from '@/lib/views/shared/params';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ reconciliation: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${decodePathSegment((await params).reconciliation)} — consistency — Truthflow` };
}

export default async function MismatchesPage({ params, searchParams }: Props) {
  const parsed = reconciliationParamSchema.safeParse(decodePathSegment((await params).reconciliation));
  if (!parsed.success) notFound();
  const reason = parseMismatchesParams(await searchParams).reason ?? null;
  const paint = await firstPaint(() => loadMismatches(parsed.data, reason));
  if (paint.initialError === null && paint.initial === null) notFound();
  return <MismatchesLive reconciliation={parsed.data} reason={reason} {...paint} />;
}
