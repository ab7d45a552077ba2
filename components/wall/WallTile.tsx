// One feature on the wall: each SLO as a big status word and icon, its SLI now and its budget.
// When the screen is stale every status shows as unknown and the numbers are greyed.
import { StatusWord } from '@/components/status/StatusWord';
import { formatBudget, formatSli } from '@/lib/views/shared/format';
import type { SliUnit } from '@/lib/config/schema-features';
import type { WallFeature } from '@/lib/views/wall/schema';

type WallSlo = WallFeature['slos'][number];

function SloTile({ slo, stale }: { slo: WallSlo; stale: boolean }) {
  const status = stale ? 'unknown' : slo.status;
  return (
    <div className={`wall-slo wall-slo-${status}`} data-testid="wall-slo" data-slo={slo.name}>
      <div className="wall-slo-name">{slo.name}</div>
      <div className="wall-status">
        <StatusWord status={status} />
      </div>
      <div className={stale ? 'wall-numbers greyed' : 'wall-numbers'}>
        <span className="wall-label">SLI now</span>
        <span className="wall-big">{formatSli(stale ? null : slo.sliValue, slo.unit as SliUnit)}</span>
        <span className="wall-small">budget {formatBudget(stale ? null : slo.budgetRemaining)}</span>
      </div>
    </div>
  );
}

export function WallTile({ feature, stale }: { feature: WallFeature; stale: boolean }) {
  return (
    <article className="wall-tile" data-testid="wall-feature" data-feature={feature.name}>
      <h3>{feature.name}</h3>
      <div className="wall-slos">
        {feature.slos.map((slo) => (
          <SloTile key={slo.name} slo={slo} stale={stale} />
        ))}
      </div>
    </article>
  );
}
