// The feature's SLOs, a card each: status word and its cause (hop, words, since when), SLI now
// against its threshold, budget, the four burn-rate pairs, and the verdict's age.
import { BurnPairs } from '@/components/status/BurnPairs';
import { CauseText } from '@/components/status/CauseText';
import { DataAge } from '@/components/status/DataAge';
import { StatusWord } from '@/components/status/StatusWord';
import { formatBudget, formatClock, formatSli } from '@/lib/views/shared/format';
import type { SliUnit } from '@/lib/config/schema-features';
import type { SloSummary } from '@/lib/views/shared/schema';

export function SloVerdicts({
  slos,
  now,
  staleAfterSeconds,
  stale,
}: {
  slos: SloSummary[];
  now: number;
  staleAfterSeconds: number;
  stale: boolean;
}) {
  return (
    <section aria-label="SLOs">
      <h2>SLOs</h2>
      <div className="grid grid-wide">
        {slos.map((slo) => {
          const unit = slo.unit as SliUnit;
          return (
            <article key={slo.name} className="panel" data-testid="slo" data-slo={slo.name}>
              <div className="slo-head">
                <strong>{slo.name}</strong>
                <StatusWord status={stale ? 'unknown' : slo.status} testId="slo-status" />
              </div>
              {stale ? (
                <p className="small slo-cause greyed">
                  <span className="cause" data-testid="cause">
                    this page cannot refresh: the figures are not current
                  </span>
                </p>
              ) : (
                slo.cause && (
                  <p className="small slo-cause">
                    <CauseText cause={slo.cause} showSince />
                  </p>
                )
              )}
              <p className="small muted">
                {slo.sli}: bad above {formatSli(slo.threshold, unit)}; objective {(slo.objective * 100).toFixed(2)} % of minutes over{' '}
                {slo.period}
              </p>
              <p className={stale ? 'greyed' : undefined}>
                SLI now <strong>{formatSli(stale ? null : slo.sliValue, unit)}</strong> · budget{' '}
                <strong>{formatBudget(stale ? null : slo.budgetRemaining)}</strong>
                {!stale && slo.exhaustionAt && (slo.budgetRemaining ?? 0) > 0 && (
                  <span className="small" suppressHydrationWarning>
                    {' '}
                    · runs out at {formatClock(slo.exhaustionAt)}
                  </span>
                )}
              </p>
              <BurnPairs pairs={slo.burnPairs} stale={stale} />
              <div className="small">
                verdict <DataAge at={slo.evaluatedAt} now={now} staleAfterSeconds={staleAfterSeconds} />
              </div>
            </article>
          );
        })}
      </div>
    </section>
  );
}
