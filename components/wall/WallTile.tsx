// One feature on the wall. A feature with a non-ok SLO is a tile: every non-ok SLO shows its
// status and its cause in large text, ok SLOs one line each. A feature whose SLOs are all ok is a
// chip with its name. When the screen is stale every status shows as unknown and the numbers are
// greyed (layout.ts decides which is which, with the same stale flag).
import { CauseText } from '@/components/status/CauseText';
import { StatusWord } from '@/components/status/StatusWord';
import type { SliUnit } from '@/lib/config/schema-features';
import { formatBudget, formatSli } from '@/lib/views/shared/format';
import { shownStatus } from '@/lib/views/wall/layout';
import type { WallFeature } from '@/lib/views/wall/schema';

type WallSlo = WallFeature['slos'][number];

function Numbers({ slo, stale }: { slo: WallSlo; stale: boolean }) {
  return (
    <span className={stale ? 'wall-numbers greyed' : 'wall-numbers'}>
      {formatSli(stale ? null : slo.sliValue, slo.unit as SliUnit)} · {formatBudget(stale ? null : slo.budgetRemaining)}
    </span>
  );
}

function SloLine({ slo, stale }: { slo: WallSlo; stale: boolean }) {
  const status = shownStatus(slo.status, stale);
  if (status === 'ok') {
    return (
      <div className="wall-slo wall-slo-ok wall-row-ok" data-testid="wall-slo" data-slo={slo.name}>
        <StatusWord status={status} />
        <span className="wall-slo-name">{slo.name}</span>
        <Numbers slo={slo} stale={stale} />
      </div>
    );
  }
  return (
    <div className={`wall-slo wall-slo-${status} wall-row-bad`} data-testid="wall-slo" data-slo={slo.name}>
      <div className="wall-slo-line">
        <span className="wall-status">
          <StatusWord status={status} />
        </span>
        <span className="wall-slo-name">{slo.name}</span>
        <Numbers slo={slo} stale={stale} />
      </div>
      {stale ? (
        <span className="cause wall-cause" data-testid="cause">
          no fresh verdict: this screen&apos;s data is stale
        </span>
      ) : (
        slo.cause && <CauseText cause={slo.cause} className="wall-cause" />
      )}
    </div>
  );
}

export function WallTile({ feature, stale }: { feature: WallFeature; stale: boolean }) {
  return (
    <article className="wall-tile" data-testid="wall-feature" data-feature={feature.name}>
      <h3>{feature.name}</h3>
      {feature.slos.map((slo) => (
        <SloLine key={slo.name} slo={slo} stale={stale} />
      ))}
    </article>
  );
}

/** An all-ok feature: its name, and its statuses for screen readers and tests. */
export function WallChip({ feature, stale }: { feature: WallFeature; stale: boolean }) {
  return (
    <span className="wall-chip" data-testid="wall-feature" data-feature={feature.name}>
      <span className="status status-ok" aria-hidden="true">
        ✓
      </span>{' '}
      <span className="wall-chip-name">{feature.name}</span>
      <span className="visually-hidden">
        {feature.slos.map((slo) => (
          <span key={slo.name} data-testid="wall-slo" data-slo={slo.name}>
            {slo.name} <StatusWord status={shownStatus(slo.status, stale)} />
          </span>
        ))}
      </span>
    </span>
  );
}
