// One feature on the overview: its SLOs with status word, SLI now, budget, burn pairs, sparkline
// and the age of the verdict. While the page's own refresh is failing every status reads unknown.
import Link from 'next/link';
import { Sparkline } from '@/components/charts/Sparkline';
import { DataAge } from '@/components/status/DataAge';
import { StatusWord } from '@/components/status/StatusWord';
import { formatBudget, formatSli } from '@/lib/views/shared/format';
import type { SliUnit } from '@/lib/config/schema-features';
import type { OverviewFeature } from '@/lib/views/overview/schema';
import { featureHref } from '@/lib/views/feature/params';
import { BurnPairs } from '@/components/status/BurnPairs';

interface Props {
  feature: OverviewFeature;
  now: number;
  staleAfterSeconds: number;
  stale: boolean;
}

export function FeatureCard({ feature, now, staleAfterSeconds, stale }: Props) {
  return (
    <article className="panel" data-testid="feature-card" data-feature={feature.name}>
      <h3 className="card-title">
        <Link href={featureHref(feature.name)}>{feature.name}</Link> <span className="muted small">owner {feature.owner}</span>
      </h3>
      {feature.description && <p className="muted small">{feature.description}</p>}
      {feature.slos.length === 0 && <p className="muted">No SLOs configured.</p>}
      <ul className="slo-list">
        {feature.slos.map((slo) => {
          const unit = slo.unit as SliUnit;
          return (
            <li key={slo.name} data-testid="slo" data-slo={slo.name}>
              <div className="slo-head">
                <span className="slo-name">{slo.name}</span>
                <StatusWord status={stale ? 'unknown' : slo.status} testId="slo-status" />
              </div>
              <div className={stale ? 'greyed small' : 'small'}>
                SLI <strong>{formatSli(stale ? null : slo.sliValue, unit)}</strong> (bad above {formatSli(slo.threshold, unit)}) · budget{' '}
                <strong data-testid="budget">{formatBudget(stale ? null : slo.budgetRemaining)}</strong>
              </div>
              <Sparkline
                points={slo.sparkline}
                threshold={slo.threshold}
                summary={`${slo.name}: SLI over the last hour against the threshold ${formatSli(slo.threshold, unit)}`}
              />
              <BurnPairs pairs={slo.burnPairs} stale={stale} />
              <div className="small">
                verdict <DataAge at={slo.evaluatedAt} now={now} staleAfterSeconds={staleAfterSeconds} />
              </div>
            </li>
          );
        })}
      </ul>
    </article>
  );
}
