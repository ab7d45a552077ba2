// Which hops feed an SLO. A status may only be moved by signals on these hops: a stalled search
// indexer must never turn a checkout SLO that measures the outbox "at risk". The rule per SLI is
// written out in docs/algorithms.md ("Scoped status").
import type { FeatureConfig, PipelineConfig, SloConfig, TruthflowConfig } from '../config';

/** One hop of a truth flow: a pipeline stage, named the way truthflow.yaml names it. */
export interface Hop {
  kind: string;
  name: string;
}

export const hopKey = (hop: Hop): string => `${hop.kind}:${hop.name}`;
export const sameHop = (a: Hop, b: Hop): boolean => a.kind === b.kind && a.name === b.name;

function pipelinesOf(config: TruthflowConfig, feature: FeatureConfig): PipelineConfig[] {
  return config.pipelines.filter((p) => feature.pipelines.includes(p.name));
}

/** The nearest consumer before each DLQ stage: the one that dead-letters into it. */
function writersOf(pipeline: PipelineConfig, dlqIndex: number): Hop[] {
  for (let i = dlqIndex - 1; i >= 0; i--) {
    const stage = pipeline.stages[i]!;
    if (stage.kind === 'consumer') return [stage];
  }
  return [];
}

/** The hops of one pipeline that feed the SLI, in pipeline order. */
function scopeIn(pipeline: PipelineConfig, sli: SloConfig['sli']): Hop[] {
  const stages = pipeline.stages;
  switch (sli) {
    case 'outbox_oldest_unsent_age':
      return stages.filter((s) => s.kind === 'outbox');
    case 'consumer_lag_seconds':
      return stages.filter((s) => s.kind === 'consumer');
    case 'indexing_rejection_ratio':
      return stages.filter((s) => s.kind === 'index');
    case 'dlq_inflow':
      return stages.flatMap((s, i) => (s.kind === 'dlq' ? [...writersOf(pipeline, i), s] : []));
    case 'freshness':
      // Every hop a change passes through on its way to the derived store. A DLQ is a side exit:
      // what lands there is judged by dlq_inflow, and a busy DLQ does not slow the main path; a
      // cache is judged by its own SLIs.
      return stages.filter((s) => s.kind !== 'dlq' && s.kind !== 'cache');
    case 'cdc_lag_seconds':
    case 'wal_retained_bytes':
      return stages.filter((s) => s.kind === 'cdc');
    case 'watermark_lag_seconds':
      return stages.filter((s) => s.kind === 'watermark');
    case 'cache_hit_ratio':
    case 'cache_evictions':
      return stages.filter((s) => s.kind === 'cache');
    case 'completeness':
      return []; // reconciliations are not stages: see sliScope
  }
}

/** The hops whose signals may decide this SLO's status, each once, in pipeline order. */
export function sliScope(config: TruthflowConfig, feature: FeatureConfig, slo: SloConfig): Hop[] {
  if (slo.sli === 'completeness') {
    // The reconciliations comparing one of the feature's pipelines' system of record with its store.
    return config.reconciliations
      .filter((r) => feature.pipelines.includes(r.pipeline))
      .map((r) => ({ kind: 'reconciliation', name: r.name }));
  }
  const seen = new Map<string, Hop>();
  for (const pipeline of pipelinesOf(config, feature)) {
    for (const hop of scopeIn(pipeline, slo.sli)) if (!seen.has(hopKey(hop))) seen.set(hopKey(hop), { kind: hop.kind, name: hop.name });
  }
  return [...seen.values()];
}

export function inScope(scope: readonly Hop[], hop: Hop): boolean {
  return scope.some((h) => sameHop(h, hop));
}

/**
 * How old a reading may be and still count as fresh for this SLO: two collector intervals, or two
 * runs of the slowest reconciliation a completeness SLO reads (they run every minute or so).
 */
export function readingFreshForSeconds(config: TruthflowConfig, feature: FeatureConfig, slo: SloConfig): number {
  const base = 2 * config.collectors.intervalSeconds;
  if (slo.sli !== 'completeness') return base;
  const scope = new Set(sliScope(config, feature, slo).map((h) => h.name));
  const everyMs = config.reconciliations.filter((r) => scope.has(r.name)).map((r) => r.every);
  return Math.max(base, ...everyMs.map((ms) => (2 * ms) / 1000));
}
