// Which feature an order belongs to, so its expected pipeline can be laid beside what was seen.
// An explicit `feature` attribute wins; else the outbox the spans show the change committed to;
// else, with nothing to go on, the most critical feature that has pipelines (said so in words).
import type { FeatureConfig, OutboxConfig, TruthflowConfig } from '@/lib/config';
import type { TimelineSpan } from './types';

export const FEATURE_ATTRIBUTES = ['truthflow.feature', 'feature'];

export interface ChosenFeature {
  feature: FeatureConfig;
  /** How it was chosen: a span named it, the spans show its outbox, or nothing to go on. */
  by: 'attribute' | 'outbox' | 'fallback';
  reason: string;
}

const lastPart = (table: string) => table.split('.').pop()!.toLowerCase();

/** A span that shows a write to this outbox: named as its stage, or a Postgres span on its table. */
export function touchesOutbox(span: TimelineSpan, outbox: OutboxConfig): boolean {
  if (span.lane === outbox.name) return true;
  if (span.lane !== 'postgres') return false;
  const table = lastPart(outbox.table);
  const a = span.attributes;
  for (const name of ['db.collection.name', 'db.sql.table']) {
    if (typeof a[name] === 'string' && lastPart(a[name] as string) === table) return true;
  }
  const word = new RegExp(`\\b${table.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
  const query = [a['db.query.text'], a['db.statement'], span.name].find((q): q is string => typeof q === 'string' && word.test(q));
  return query !== undefined;
}

const firstOutbox = (config: TruthflowConfig, pipeline: string) => {
  const stage = config.pipelines.find((p) => p.name === pipeline)?.stages[0];
  return stage?.kind === 'outbox' ? stage.name : undefined;
};

const byTier = (a: FeatureConfig, b: FeatureConfig) => a.tier - b.tier;

export function chooseFeature(config: TruthflowConfig, spans: readonly TimelineSpan[]): ChosenFeature | null {
  for (const s of spans) {
    for (const attr of FEATURE_ATTRIBUTES) {
      const feature = config.features.find((f) => f.name === s.attributes[attr]);
      if (feature) return { feature, by: 'attribute', reason: `span "${s.name}" says ${attr}=${feature.name}` };
    }
  }
  const seen = config.outboxes.filter((o) => spans.some((s) => touchesOutbox(s, o))).map((o) => o.name);
  const viaOutbox = config.features.filter((f) => f.pipelines.some((p) => seen.includes(firstOutbox(config, p) ?? ''))).sort(byTier)[0];
  if (viaOutbox)
    return { feature: viaOutbox, by: 'outbox', reason: `its pipelines start at outbox ${seen.join(', ')}, which the spans show` };
  const fallback = config.features.filter((f) => f.pipelines.length > 0).sort(byTier)[0];
  return fallback
    ? { feature: fallback, by: 'fallback', reason: `no span names a feature or a configured outbox; assuming the most critical feature` }
    : null;
}

/**
 * The pipelines an order is laid against: its feature's, then every other pipeline that starts at
 * one of the same outboxes (a change committed there travels all of them: to Kafka, to search, to
 * the warehouse), so "my order is not in search" shows the search hop even when the order's most
 * critical feature only measures publishing. A feature named on a span keeps to its own pipelines.
 */
export function pipelinesOfOrder(config: TruthflowConfig, chosen: ChosenFeature): string[] {
  const own = chosen.feature.pipelines;
  if (chosen.by === 'attribute') return own;
  const outboxes = new Set(own.map((p) => firstOutbox(config, p)).filter((o): o is string => o !== undefined));
  const fromSameOutbox = config.pipelines.filter((p) => outboxes.has(firstOutbox(config, p.name) ?? '')).map((p) => p.name);
  return [...new Set([...own, ...fromSameOutbox])];
}
