// `/consistency`: one panel per reconciliation of a system of record with a derived store — what
// its newest run found (missing, extra, stale), how that went over the last day, and how much of
// its budget the run used.
import { DataAge } from '@/components/status/DataAge';
import { PageHead } from '@/components/status/PageHead';
import type { RefreshInfo } from '@/components/status/RefreshNote';
import { consistencyHref } from '@/lib/views/consistency/params';
import type { ConsistencyData } from '@/lib/views/consistency/schema';
import { formatDuration } from '@/lib/views/shared/format';
import { MismatchTrend } from './MismatchTrend';
import { RunFacts } from './RunFacts';

export function ConsistencyView({ data, refresh }: { data: ConsistencyData; refresh: RefreshInfo }) {
  const now = Date.parse(data.generatedAt);
  return (
    <main>
      <PageHead title="Consistency" refresh={refresh} />
      <p className="muted small">
        Each reconciliation compares the system of record with one derived store in bounded cost: rows changed within the settle time are
        still in flight and not compared.
      </p>
      {data.reconciliations.length === 0 ? (
        <p className="muted" data-testid="consistency-none">
          No reconciliation is configured (truthflow.yaml, section reconciliations).
        </p>
      ) : (
        data.reconciliations.map((r) => (
          <section
            key={r.name}
            className="panel stage-panel"
            aria-label={`Reconciliation ${r.name}`}
            data-testid="reconciliation"
            data-name={r.name}
          >
            <h2>
              <a href={consistencyHref(r.name)}>{r.name}</a>
            </h2>
            <p className="muted small">
              pipeline {r.pipeline} · {r.source} → {r.target} · settle {formatDuration(r.settleSeconds)} · window{' '}
              {formatDuration(r.windowSeconds)}
              {r.lastRun && (
                <>
                  {' '}
                  · last run <DataAge at={r.lastRun.finishedAt} now={now} staleAfterSeconds={Math.max(600, r.settleSeconds * 5)} />
                </>
              )}
            </p>
            {r.lastRun ? (
              <RunFacts run={r.lastRun} mismatchesHref={(reason) => consistencyHref(r.name, reason)} />
            ) : (
              <p className="muted" data-testid="no-run">
                No run yet: the reconcile evaluator has not finished one.
              </p>
            )}
            <MismatchTrend trend={r.trend} />
          </section>
        ))
      )}
    </main>
  );
}
