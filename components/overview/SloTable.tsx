// One tier of the overview as a dense table: a row per SLO, the feature's rows grouped under its
// name (a tbody per feature), so twenty features of three SLOs fit one screen without scrolling.
// Burn-pair tables and charts live on the feature page; this table is for deciding where to look.
import Link from 'next/link';
import type { Tier } from '@/lib/config/schema-features';
import { featureHref } from '@/lib/views/feature/params';
import type { OverviewFeature } from '@/lib/views/overview/schema';
import { TIER_WORDS } from '@/lib/views/shared/format';
import { SloRow } from './SloRow';

interface Props {
  tier: Tier;
  features: OverviewFeature[];
  now: number;
  staleAfterSeconds: number;
  stale: boolean;
}

const COLUMNS = [
  { label: 'SLO', className: 'col-slo' },
  { label: 'status', className: 'col-status' },
  { label: 'cause', className: 'col-cause' },
  { label: 'SLI now / bad above', className: 'col-sli' },
  { label: 'last hour', className: 'col-spark' },
  { label: 'budget', className: 'col-budget' },
  { label: 'worst burn pair', className: 'col-burn' },
  { label: 'budget gone', className: 'col-exhaustion' },
  { label: 'verdict', className: 'col-age' },
];

function FeatureRows({ feature, ...rest }: { feature: OverviewFeature; now: number; staleAfterSeconds: number; stale: boolean }) {
  const name = (
    <th scope="rowgroup" rowSpan={Math.max(1, feature.slos.length)} className="feature-name" title={`owner ${feature.owner}`}>
      <Link href={featureHref(feature.name)}>{feature.name}</Link>
    </th>
  );
  return (
    <tbody data-testid="feature-card" data-feature={feature.name}>
      {feature.slos.length === 0 ? (
        <tr>
          {name}
          <td colSpan={COLUMNS.length} className="muted">
            No SLOs configured.
          </td>
        </tr>
      ) : (
        feature.slos.map((slo, i) => (
          <tr key={slo.name} data-testid="slo" data-slo={slo.name} className={`slo-row slo-row-${rest.stale ? 'unknown' : slo.status}`}>
            {i === 0 && name}
            <SloRow slo={slo} {...rest} />
          </tr>
        ))
      )}
    </tbody>
  );
}

export function SloTable({ tier, features, ...rest }: Props) {
  return (
    <section aria-label={TIER_WORDS[tier]} className="slo-tier">
      <table className="slo-table">
        <colgroup>
          <col className="col-feature" />
          {COLUMNS.map((c) => (
            <col key={c.label} className={c.className} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col" className="tier-head">
              {TIER_WORDS[tier]}
            </th>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        {features.map((feature) => (
          <FeatureRows key={feature.name} feature={feature} {...rest} />
        ))}
      </table>
    </section>
  );
}
