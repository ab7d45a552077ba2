// `/`: Truthflow's own health, then features by tier (Tier 0 first) with their SLO verdicts, then
// who scraped what and when.
import { RefreshNote, type RefreshInfo } from '@/components/status/RefreshNote';
import { TIERS } from '@/lib/config/schema-features';
import { TIER_WORDS } from '@/lib/views/shared/format';
import type { OverviewData } from '@/lib/views/overview/schema';
import type { OverviewParams } from '@/lib/views/overview/params';
import { FeatureCard } from './FeatureCard';
import { HealthStrip } from './HealthStrip';
import { ScrapeTable } from './ScrapeTable';
import { TierFilter } from './TierFilter';

export function Overview({ data, params, refresh }: { data: OverviewData; params: OverviewParams; refresh: RefreshInfo }) {
  const now = Date.parse(data.generatedAt);
  const tiers = TIERS.map((tier) => ({ tier, features: data.features.filter((f) => f.tier === tier) }));
  return (
    <main>
      <div className="page-head">
        <h1>Overview</h1>
        <RefreshNote refresh={refresh} />
      </div>
      <HealthStrip health={data.health} />
      <TierFilter params={params} />
      {tiers
        .filter((t) => t.features.length > 0)
        .map(({ tier, features }) => (
          <section key={tier} aria-label={TIER_WORDS[tier]}>
            <h2>{TIER_WORDS[tier]}</h2>
            <div className="grid grid-wide">
              {features.map((feature) => (
                <FeatureCard
                  key={feature.name}
                  feature={feature}
                  now={now}
                  staleAfterSeconds={data.staleAfterSeconds}
                  stale={refresh.stale}
                />
              ))}
            </div>
          </section>
        ))}
      <ScrapeTable scrapes={data.scrapes} />
    </main>
  );
}
