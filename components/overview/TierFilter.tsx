// Tier filter as plain links: the filter lives in the URL, so a filtered overview can be shared.
import Link from 'next/link';
import { TIERS, type Tier } from '@/lib/config/schema-features';
import { overviewHref, type OverviewParams } from '@/lib/views/overview/params';

const CHOICES: { label: string; tier: Tier | undefined }[] = [
  { label: 'All tiers', tier: undefined },
  ...TIERS.map((tier) => ({ label: `Tier ${tier}`, tier })),
];

export function TierFilter({ params }: { params: OverviewParams }) {
  return (
    <nav aria-label="Filter by tier" className="pills">
      {CHOICES.map((c) => (
        <Link
          key={c.label}
          href={overviewHref(c.tier === undefined ? {} : { tier: c.tier })}
          aria-current={params.tier === c.tier ? 'page' : undefined}
        >
          {c.label}
        </Link>
      ))}
    </nav>
  );
}
