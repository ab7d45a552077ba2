// `/`: features by tier (Tier 0 first) with their SLO verdicts, then who scraped what and when.
import type { OverviewData } from '@/lib/views/overview';
import { StatusWord } from '@/components/status/StatusWord';
import { HealthStrip } from './HealthStrip';
import { ScrapeTable } from './ScrapeTable';

const TIER_WORDS = ['Tier 0 — must be correct', 'Tier 1 — should be correct soon', 'Tier 2 — best effort'];

export function Overview({ data }: { data: OverviewData }) {
  const tiers = [0, 1, 2].map((tier) => ({ tier, features: data.features.filter((f) => f.tier === tier) }));
  return (
    <main>
      <h1>Overview</h1>
      <HealthStrip health={data.health} />
      {data.storeError && (
        <p role="alert" className="status status-failing">
          Store unreachable: {data.storeError}. Numbers below are unknown, not zero.
        </p>
      )}
      {tiers
        .filter((t) => t.features.length > 0)
        .map(({ tier, features }) => (
          <section key={tier} aria-label={TIER_WORDS[tier]}>
            <h2>{TIER_WORDS[tier]}</h2>
            <div className="grid">
              {features.map((feature) => (
                <article key={feature.name} className="panel" data-testid="feature-card" data-feature={feature.name}>
                  <strong>{feature.name}</strong> <span className="muted">owner {feature.owner}</span>
                  <ul style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}>
                    {feature.slos.map((slo) => (
                      <li key={slo.name}>
                        {slo.name}: <StatusWord status={slo.status} />{' '}
                        <span className="muted">
                          {slo.evaluatedAt ? `evaluated ${slo.evaluatedAt}` : 'not evaluated yet'}
                        </span>
                      </li>
                    ))}
                  </ul>
                </article>
              ))}
            </div>
          </section>
        ))}
      <ScrapeTable scrapes={data.scrapes} />
    </main>
  );
}
