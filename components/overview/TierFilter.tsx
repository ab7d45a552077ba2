// Tier filter as plain links: the filter lives in the URL, so a filtered overview can be shared.
import Link from 'next/link';
import { overviewHref, type OverviewParams, type Tier } from '@/lib/views/url-state';

const CHOICES: { label: string; tier: Tier | undefined }[] = [
  { label: 'All tiers', tier: undefined },
  { label: 'Tier 0', tier: 0 },
  { label: 'Tier 1', tier: 1 },
  { label: 'Tier 2', tier: 2 },
];

export function TierFilter({ params }: { params: OverviewParams }) {
  return (
    <nav aria-label="Filter by tier" className="pills">
      {CHOICES.map((c) => (
        <Link key={c.label} href={overviewHref(c.tier === undefined ? {} : { tier: c.tier })} aria-current={params.tier === c.tier ? 'page' : undefined}>
          {c.label}
        </Link>
      ))}
    </nav>
  );
}
