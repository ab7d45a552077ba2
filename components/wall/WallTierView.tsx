// One tier's share of a wall page: non-ok tiles first, then the all-ok features as chips; a tier
// whose SLOs are all ok is one line ("Tier 1 · 7 SLOs ok") instead of a row of identical greens.
import { TIER_WORDS } from '@/lib/views/shared/format';
import type { PageTier } from '@/lib/views/wall/layout';
import type { WallFeature } from '@/lib/views/wall/schema';
import { WallChip, WallTile } from './WallTile';

export function WallTierView({ part, columns, stale }: { part: PageTier<WallFeature>; columns: number; stale: boolean }) {
  if (part.allOk) {
    return (
      <section aria-label={TIER_WORDS[part.tier]} className="wall-tier wall-allok" data-testid="wall-tier-ok" data-tier={part.tier}>
        <h2>
          <span className="status status-ok">✓</span> Tier {part.tier} · {part.sloCount} SLO{part.sloCount === 1 ? '' : 's'} ok
        </h2>
        <p className="wall-allok-names">
          {part.chips.map((feature) => (
            <WallChip key={feature.name} feature={feature} stale={stale} />
          ))}
        </p>
      </section>
    );
  }
  return (
    <section aria-label={TIER_WORDS[part.tier]} className="wall-tier" data-tier={part.tier}>
      <h2>{TIER_WORDS[part.tier]}</h2>
      {part.tiles.length > 0 && (
        <div className="wall-grid" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
          {part.tiles.map((feature) => (
            <WallTile key={feature.name} feature={feature} stale={stale} />
          ))}
        </div>
      )}
      {part.chips.length > 0 && (
        <div className="wall-chips">
          {part.chips.map((feature) => (
            <WallChip key={feature.name} feature={feature} stale={stale} />
          ))}
        </div>
      )}
    </section>
  );
}
