// `/`: where to look. Truthflow's own health and the tier filter on one line, then one dense row
// per SLO grouped by tier (Tier 0 first), each non-ok row naming its cause hop; who scraped what
// and when follows below the fold.
import { RefreshNote, type RefreshInfo } from '@/components/status/RefreshNote';
import { TIERS } from '@/lib/config/schema-features';
import type { OverviewParams } from '@/lib/views/overview/params';
import type { OverviewData } from '@/lib/views/overview/schema';
import { HealthStrip } from './HealthStrip';
import { ScrapeTable } from './ScrapeTable';
import { SloTable } from './SloTable';
import { TierFilter } from './TierFilter';

export function Overview({ data, params, refresh }: { data: OverviewData; params: OverviewParams; refresh: RefreshInfo }) {
  const now = Date.parse(data.generatedAt);
  const tiers = TIERS.map((tier) => ({ tier, features: data.features.filter((f) => f.tier === tier) }));
  return (
    <main className="main-wide">
      <div className="overview-head">
        <h1>Overview</h1>
        <RefreshNote refresh={refresh} />
        <HealthStrip health={data.health} sampleDrops={data.sampleDrops} />
        <TierFilter params={params} />
      </div>
      <div data-testid="slo-tables">
        {tiers
          .filter((t) => t.features.length > 0)
          .map(({ tier, features }) => (
            <SloTable
              key={tier}
              tier={tier}
              features={features}
              now={now}
              staleAfterSeconds={data.staleAfterSeconds}
              stale={refresh.stale}
            />
          ))}
      </div>
      <ScrapeTable scrapes={data.scrapes} />
    </main>
  );
}
