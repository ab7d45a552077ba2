// One reconciliation run in figures: counts by reason, the oldest mismatch's age, completeness and
// the budget it used, with the note when the budget cut it short (its counts are then lower bounds).
import { formatCount, formatDuration, formatPercent } from '@/lib/views/shared/format';
import type { ReconcileRunView } from '@/lib/views/consistency/schema';

export function RunFacts({ run, mismatchesHref }: { run: ReconcileRunView; mismatchesHref: (reason?: string) => string }) {
  const atLeast = run.cutShort ? '≥ ' : '';
  return (
    <>
      <dl className="facts">
        {(['missing', 'extra', 'stale'] as const).map((reason) => (
          <div key={reason}>
            <dt>{reason[0]!.toUpperCase() + reason.slice(1)}</dt>
            <dd data-testid={`count-${reason}`}>
              {run[reason] > 0 ? (
                <a href={mismatchesHref(reason)}>
                  {atLeast}
                  {formatCount(run[reason])}
                </a>
              ) : (
                `${atLeast}0`
              )}
            </dd>
          </div>
        ))}
        <div>
          <dt>Oldest mismatch</dt>
          <dd>{run.oldestMismatchAgeSeconds === null ? 'none' : formatDuration(run.oldestMismatchAgeSeconds)}</dd>
        </div>
        <div>
          <dt>Completeness</dt>
          <dd data-testid="completeness">{formatPercent(run.completeness, 3)}</dd>
        </div>
        <div>
          <dt>Budget used</dt>
          <dd data-testid="budget">
            {formatCount(run.queries)} / {formatCount(run.budgetQueries)} queries · {formatCount(run.rowsFetched)} /{' '}
            {formatCount(run.budgetRows)} rows
          </dd>
        </div>
      </dl>
      <p className="muted small">
        {formatCount(run.sourceRows)} source rows and {formatCount(run.targetRows)} target rows compared
        {run.pendingExtra > 0 ? ` · ${formatCount(run.pendingExtra)} extra keys wait for a confirming run` : ''}
      </p>
      {run.note && (
        <p className="small" role="note" data-testid="budget-note">
          {run.note}
        </p>
      )}
    </>
  );
}
