// Data for `/consistency` and its drill-down, from the reconcile evaluator's stored runs. The
// config names the reconciliations (so one that never ran still shows, as "no run yet"); the store
// holds what each run found. A store that cannot be read throws StoreUnavailableError (see
// lib/http/route.ts).
import 'server-only';
import type { ReconciliationConfig } from '../../config/schema-reconcile';
import type { MismatchReason } from '../../reconcile/types';
import { serverConfig } from '../../server-config';
import { latestReconcileRuns, reconcileMismatches, reconcileRunsSince, type ReconcileRunRow } from '../../store/queries/reconcile-runs';
import type { ConsistencyData, MismatchesData, ReconcileRunView, ReconciliationPanel } from './schema';

const TREND_SECONDS = 24 * 3600;
const TREND_RUNS = 500;
/** The drill-down lists at most this many keys (each run keeps at most sampleSize per reason). */
const MISMATCH_LIMIT = 3000;

function runView(run: ReconcileRunRow): ReconcileRunView {
  const { oldestMismatchAt, finishedAt } = run;
  return {
    id: run.id,
    startedAt: run.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    sourceRows: run.sourceRows,
    targetRows: run.targetRows,
    missing: run.missing,
    extra: run.extra,
    stale: run.stale,
    pendingExtra: run.pendingExtra,
    oldestMismatchAgeSeconds: oldestMismatchAt ? Math.max(0, (finishedAt.getTime() - oldestMismatchAt.getTime()) / 1000) : null,
    queries: run.queries,
    rowsFetched: run.rowsFetched,
    budgetQueries: run.budgetQueries,
    budgetRows: run.budgetRows,
    cutShort: run.cutShort,
    note: run.note,
    completeness: run.completeness,
  };
}

function sidesOf(r: ReconciliationConfig): { source: string; target: string } {
  const source = `${r.source.source ?? 'system of record'} ${r.source.table}`;
  const target = r.target.table !== undefined ? `${r.target.source ?? ''} ${r.target.table}`.trim() : `index ${r.target.index}`;
  return { source, target };
}

export async function loadConsistency(): Promise<ConsistencyData> {
  const config = serverConfig();
  const now = new Date();
  const since = new Date(now.getTime() - TREND_SECONDS * 1000);
  const [latest, trends] = await Promise.all([
    latestReconcileRuns(),
    Promise.all(config.reconciliations.map((r) => reconcileRunsSince(r.name, since, TREND_RUNS))),
  ]);
  const latestOf = new Map(latest.map((run) => [run.reconciliation, run]));
  const reconciliations = config.reconciliations.map((r, i): ReconciliationPanel => {
    const last = latestOf.get(r.name);
    return {
      name: r.name,
      pipeline: r.pipeline,
      ...sidesOf(r),
      settleSeconds: r.settle / 1000,
      windowSeconds: r.window / 1000,
      lastRun: last ? runView(last) : null,
      trend: (trends[i] ?? []).map((run) => ({
        at: run.startedAt.toISOString(),
        missing: run.missing,
        extra: run.extra,
        stale: run.stale,
      })),
    };
  });
  return { generatedAt: now.toISOString(), reconciliations };
}

/** The newest run's mismatched keys; null when no reconciliation of that name is configured. */
export async function loadMismatches(name: string, reason: MismatchReason | null): Promise<MismatchesData | null> {
  const config = serverConfig();
  if (!config.reconciliations.some((r) => r.name === name)) return null;
  const latest = (await latestReconcileRuns()).find((run) => run.reconciliation === name);
  const rows = latest ? await reconcileMismatches(latest.id, MISMATCH_LIMIT) : [];
  return {
    generatedAt: new Date().toISOString(),
    reconciliation: name,
    reason,
    run: latest ? runView(latest) : null,
    mismatches: rows
      .filter((m) => reason === null || m.reason === reason)
      .map((m) => ({
        key: m.key,
        reason: m.reason as MismatchReason,
        sourceVersion: m.sourceVersion,
        targetVersion: m.targetVersion,
        since: m.since.toISOString(),
        href: `/orders/${encodeURIComponent(m.key)}`,
      })),
  };
}
