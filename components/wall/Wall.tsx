'use client';
// `/wall`: the ops-room screen. Dark, large, nothing to click; Tier 0 first. The time of the last
// successful refresh is always on screen, and when the data is stale a full-width banner says so
// and every status turns unknown — a frozen green is the one thing a wall screen must never show.
import { TIERS } from '@/lib/config/schema-features';
import { formatClock, TIER_WORDS } from '@/lib/views/shared/format';
import type { WallData } from '@/lib/views/wall/schema';
import { StaleBanner } from './StaleBanner';
import { useWall } from './useWall';
import { WallTile } from './WallTile';

export function Wall({ initial, initialError }: { initial: WallData | null; initialError: string | null }) {
  const { data, lastSuccessAt, stale, reason } = useWall(initial, initialError);
  const tiers = TIERS.map((tier) => ({ tier, features: (data?.features ?? []).filter((f) => f.tier === tier) }));
  return (
    <div className="wall" data-theme="dark" data-stale={stale ? 'true' : 'false'}>
      {stale && <StaleBanner reason={reason} lastSuccessAt={lastSuccessAt} />}
      <header className="wall-head">
        <h1>Truthflow</h1>
        <p className="wall-refresh" data-testid="last-refresh" suppressHydrationWarning>
          last successful refresh <strong>{formatClock(lastSuccessAt)}</strong>
        </p>
      </header>
      {!data && <p className="wall-empty">No data: the store has not answered since this screen opened.</p>}
      {tiers
        .filter((t) => t.features.length > 0)
        .map(({ tier, features }) => (
          <section key={tier} aria-label={TIER_WORDS[tier]} className="wall-tier">
            <h2>{TIER_WORDS[tier]}</h2>
            <div className="wall-grid">
              {features.map((feature) => (
                <WallTile key={feature.name} feature={feature} stale={stale} />
              ))}
            </div>
          </section>
        ))}
      {data && (
        <footer className={stale ? 'wall-foot greyed' : 'wall-foot'}>
          collectors heartbeat{stale ? ' (as of the last successful refresh)' : ''}:{' '}
          {data.collectors.heartbeatAgeSeconds === null ? 'never' : `${data.collectors.heartbeatAgeSeconds} s old`} · verdicts go unknown
          after {data.staleAfterSeconds} s
        </footer>
      )}
    </div>
  );
}
