// The reconciliation evaluator: one job per configured reconciliation. Each run compares the
// system of record (a Postgres table) with one derived store (an index or a warehouse table) in
// bounded cost (lib/reconcile), stores the run and its key sample, and returns the completeness
// and mismatch counts as samples so they can feed an SLO like any other reading.
//
// Unlike the SLO evaluator it must read the monitored systems, which the runner's clients are
// held back from evaluators for. It builds its own read-only connections through the same
// builders the live checks use (lib/sources/connections.ts), kept in the job's state and dropped
// after a failure, so nothing here can write to either side.
import type pg from 'pg';
import type { TruthflowConfig } from '@/lib/config';
import type { ReconciliationConfig } from '@/lib/config/schema-reconcile';
import { TruthflowError } from '@/lib/errors';
import { postgresSide } from '@/lib/reconcile/postgres-side';
import { reconcile } from '@/lib/reconcile/run';
import { searchSide } from '@/lib/reconcile/search-side';
import type { ReconcileSide } from '@/lib/reconcile/types';
import { MISMATCH_REASONS } from '@/lib/reconcile/types';
import { SERIES } from '@/lib/series-names';
import { readOnlyPoolFor, searchAuthOf } from '@/lib/sources/connections';
import { insertReconcileRun, lastHistoryCursor } from '@/lib/store/queries/reconcile-runs';
import type { Evaluator, SampleInput } from '../types';

export interface ReconcileTarget {
  name: string;
  reconciliation: ReconciliationConfig;
}

export interface ReconcileState {
  pendingExtras: Map<string, number>;
  pools: pg.Pool[];
  sides?: { source: ReconcileSide; target: ReconcileSide };
  lastRunMs?: number;
  /** The last run's summary, repeated by the runs skipped in between so the status panel keeps it. */
  lastSummary?: string;
}

function postgresSource(config: TruthflowConfig, name: string, what: string) {
  const source = config.sources[name];
  if (source?.kind !== 'postgres') throw new TruthflowError('config', `${what}: source "${name}" is not a postgres source`);
  return source;
}

function buildSides(config: TruthflowConfig, r: ReconciliationConfig, state: ReconcileState) {
  const timeoutMs = r.timeout;
  const pool = (name: string, what: string) => {
    const p = readOnlyPoolFor(postgresSource(config, name, what), {
      timeoutMs,
      applicationName: 'truthflow-reconcile',
      idleTimeoutMillis: 60_000,
    });
    state.pools.push(p);
    return p;
  };
  const pipeline = config.pipelines.find((p) => p.name === r.pipeline);
  if (!pipeline) throw new TruthflowError('config', `reconciliation ${r.name}: no pipeline named "${r.pipeline}"`);
  const sourceName = r.source.source ?? pipeline.systemOfRecord;
  const source = postgresSide(pool(sourceName, `reconciliation ${r.name}`), r.source, `${sourceName} ${r.source.table}`);
  const version = r.target.version ?? r.target.updatedAt;
  if (r.target.table !== undefined) {
    const targetSource = r.target.source!;
    const spec = { table: r.target.table, key: r.target.id, updatedAt: r.target.updatedAt, version: r.target.version };
    return {
      source,
      target: postgresSide(pool(targetSource, `reconciliation ${r.name} target`), spec, `${targetSource} ${r.target.table}`),
    };
  }
  const index = config.indexes.find((i) => i.name === r.target.index);
  if (!index) throw new TruthflowError('config', `reconciliation ${r.name}: no index named "${r.target.index}"`);
  const search = config.sources[index.source];
  if (search?.kind !== 'opensearch' && search?.kind !== 'elasticsearch') {
    throw new TruthflowError('config', `reconciliation ${r.name}: source "${index.source}" is not a search source`);
  }
  const spec = { index: index.index, id: r.target.id, updatedAt: r.target.updatedAt, version, hashField: r.target.hashField };
  const target = searchSide({ url: search.url, auth: searchAuthOf(search), timeoutMs }, spec, `${index.source} ${index.index}`);
  return { source, target };
}

async function dropConnections(state: ReconcileState): Promise<void> {
  const pools = state.pools.splice(0);
  state.sides = undefined;
  await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
}

export const reconcileEvaluator: Evaluator<ReconcileTarget, ReconcileState> = {
  // Scrape-status rows and lease keys carry this name; changing it would orphan both.
  name: 'reconcile',
  targets: (config) => config.reconciliations.map((reconciliation) => ({ name: reconciliation.name, reconciliation })),
  initialState: () => ({ pendingExtras: new Map(), pools: [] }),
  timeoutSeconds: ({ reconciliation }) => Math.ceil(reconciliation.timeout / 1000),
  async evaluate(ctx) {
    const r = ctx.target.reconciliation;
    const started = ctx.now();
    if (ctx.state.lastRunMs !== undefined && started.getTime() - ctx.state.lastRunMs < r.every) {
      const waitS = Math.ceil((r.every - (started.getTime() - ctx.state.lastRunMs)) / 1000);
      return { samples: [], summary: `${ctx.state.lastSummary ?? 'not due yet'} (next run in ${waitS} s)` };
    }
    ctx.state.sides ??= buildSides(ctx.config, r, ctx.state);
    const cursor = await lastHistoryCursor(r.name);
    let outcome;
    try {
      outcome = await reconcile({
        ...ctx.state.sides,
        nowMs: started.getTime(),
        settleMs: r.settle,
        windowMs: r.window,
        historyCursorMs: cursor?.getTime() ?? null,
        budget: r.budget,
        sampleSize: r.sampleSize,
        pendingExtras: ctx.state.pendingExtras,
      });
    } catch (error) {
      await dropConnections(ctx.state);
      throw error;
    }
    ctx.state.lastRunMs = started.getTime();
    const at = (ms: number | null) => (ms === null ? null : new Date(ms));
    await insertReconcileRun(
      {
        reconciliation: r.name,
        startedAt: started,
        finishedAt: ctx.now(),
        windowFrom: new Date(outcome.windowFromMs),
        cutoff: new Date(outcome.cutoffMs),
        historyFrom: at(outcome.history?.fromMs ?? null),
        historyTo: at(outcome.history?.toMs ?? null),
        nextHistoryCursor: at(outcome.nextHistoryCursorMs),
        sourceRows: outcome.sourceRows,
        targetRows: outcome.targetRows,
        ...outcome.counts,
        pendingExtra: outcome.pendingExtra,
        oldestMismatchAt: at(outcome.oldestMismatchMs),
        queries: outcome.queries,
        rowsFetched: outcome.rowsFetched,
        budgetQueries: r.budget.queries,
        budgetRows: r.budget.rows,
        cutShort: outcome.cutShort,
        note: outcome.note,
        completeness: outcome.completeness,
      },
      outcome.sample.map((m) => ({ ...m, since: new Date(m.sinceMs) })),
    );
    const labels = { reconciliation: r.name };
    const samples: SampleInput[] = MISMATCH_REASONS.map((reason) => ({
      metric: SERIES.reconcileMismatchedKeys,
      labels: { ...labels, reason },
      value: outcome.counts[reason],
    }));
    if (outcome.completeness !== null) samples.push({ metric: SERIES.reconcileCompleteness, labels, value: outcome.completeness });
    const { missing, extra, stale } = outcome.counts;
    ctx.state.lastSummary = `${missing} missing, ${extra} extra, ${stale} stale of ${outcome.sourceRows} rows; ${outcome.queries} queries, ${outcome.rowsFetched} rows fetched`;
    return {
      samples,
      summary: ctx.state.lastSummary,
      notes: [
        ...(outcome.note ? [outcome.note] : []),
        ...(outcome.pendingExtra > 0 ? [`${outcome.pendingExtra} extra keys wait for confirmation by a later run`] : []),
      ],
    };
  },
};
