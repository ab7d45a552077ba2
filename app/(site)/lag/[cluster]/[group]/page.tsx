import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { GroupDetailLive } from '@/components/lag/GroupDetailLive';
import { loadLagGroup } from '@/lib/views/lag/group-loader';
import { firstPaint } from '@/lib/http/first-paint';
import { decodePathSegment } from '@/lib/http/path-segment';
import { clusterParamSchema, groupParamSchema, parseGroupParams } from '@/lib/views/lag/params';
import type { SearchParams } from '@/lib/views/shared/params';

// Live data: render on every request, never from a build-time snapshot.
export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ cluster: string; group: string }>;
  searchParams: Promise<SearchParams>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${decodePathSegment((await params).group)} — lag — Truthflow` };
}

export default async function GroupPage({ params, searchParams }: Props) {
  const { cluster, group } = await params;
  const c = clusterParamSchema.safeParse(decodePathSegment(cluster));
  const g = groupParamSchema.safeParse(decodePathSegment(group));
  if (!c.success || !g.success) notFound();
  const key = { cluster: c.data, group: g.data, range: parseGroupParams(await searchParams).range };
  // A store that cannot be read renders "store unreachable" and polls; only a store that answered can say "no such group".
  const paint = await firstPaint(() => loadLagGroup(key.cluster, key.group, key.range));
  if (paint.initialError === null && paint.initial === null) notFound();
  return <GroupDetailLive {...key} {...paint} />;
}
