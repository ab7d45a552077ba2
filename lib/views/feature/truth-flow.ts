// The truth-flow strip of a feature: from the system of record through each stage to each derived
// store, with the backlog on every hop in messages and in seconds. Pure: the loader fetches the
// readings `flowNeeds` asks for and hands them to `buildFlow`.
import type { FeatureConfig, PipelineConfig, StageConfig, TruthflowConfig } from '../../config';
import { SERIES } from '../../series-names';
import type { Reading, SeriesSelector } from '../../store/queries/sli-readings';
import { measureOf, type MeasureRule } from '../shared/measure';
import type { Measure } from '../shared/schema';
import { stageScrape, type ScrapeLookup } from '../shared/stage-scrape';
import type { Edge, Flow, FlowNode } from './schema';

/** One reading a strip needs: which series, and how its readings combine. */
export interface Need extends MeasureRule {
  key: string;
  selector: SeriesSelector;
}

type Readings = Map<string, Reading[]>;
const TOTALS_ONLY = ['aggregate_type']; // the outbox collector also writes a per-aggregate breakdown

function needsOfStage(config: TruthflowConfig, stage: StageConfig): Need[] {
  const k = `${stage.kind}:${stage.name}`;
  switch (stage.kind) {
    case 'outbox':
      return [
        {
          key: `${k}:messages`,
          selector: { metric: SERIES.outboxUnsentRows, labels: { outbox: stage.name }, withoutLabels: TOTALS_ONLY },
          combine: 'sum',
        },
        {
          key: `${k}:seconds`,
          selector: { metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox: stage.name }, withoutLabels: TOTALS_ONLY },
          combine: 'max',
        },
      ];
    case 'consumer': {
      const c = config.consumers.find((x) => x.name === stage.name);
      if (!c) return [];
      const labels = { cluster: c.source, group: c.group };
      const keep = (l: Record<string, string>) => l.topic === undefined || c.topics.includes(l.topic);
      return [
        { key: `${k}:messages`, selector: { metric: SERIES.kafkaLagMessages, labels }, combine: 'sum', keep },
        { key: `${k}:seconds`, selector: { metric: SERIES.kafkaLagSeconds, labels }, combine: 'max', keep },
      ];
    }
    case 'dlq':
      return [
        { key: `${k}:messages`, selector: { metric: SERIES.dlqDepthMessages, labels: { dlq: stage.name } }, combine: 'sum' },
        { key: `${k}:seconds`, selector: { metric: SERIES.dlqOldestAgeSeconds, labels: { dlq: stage.name } }, combine: 'max' },
        { key: `${k}:inflow`, selector: { metric: SERIES.dlqInflowPerMinute, labels: { dlq: stage.name } }, combine: 'sum' },
      ];
    case 'index': {
      const ix = config.indexes.find((x) => x.name === stage.name);
      if (!ix) return [];
      return [
        {
          key: `${k}:docs`,
          selector: { metric: SERIES.searchIndexDocCount, labels: { source: ix.source, index: ix.index } },
          combine: 'sum',
        },
        {
          key: `${k}:rejections`,
          selector: { metric: SERIES.searchWriteRejectionsPerSecond, labels: { source: ix.source } },
          combine: 'sum',
        },
      ];
    }
    case 'cdc':
      return [{ key: `${k}:seconds`, selector: { metric: SERIES.cdcLagSeconds, labels: { cdc: stage.name } }, combine: 'max' }];
    case 'cache':
      return [
        {
          key: `${k}:hit-ratio`,
          selector: { metric: SERIES.cacheHitRatio, labels: { cache: stage.name }, withoutLabels: ['node'] },
          combine: 'max',
        },
        {
          key: `${k}:evictions`,
          selector: { metric: SERIES.cacheEvictionsPerSecond, labels: { cache: stage.name }, withoutLabels: ['node'] },
          combine: 'sum',
        },
      ];
    case 'watermark':
      return [{ key: `${k}:seconds`, selector: { metric: SERIES.watermarkLagSeconds, labels: { watermark: stage.name } }, combine: 'max' }];
  }
}

export function pipelinesOf(config: TruthflowConfig, feature: FeatureConfig): PipelineConfig[] {
  return config.pipelines.filter((p) => feature.pipelines.includes(p.name));
}

/** Every reading the feature's strips need, each stage once even when pipelines share it. */
export function flowNeeds(config: TruthflowConfig, feature: FeatureConfig): Need[] {
  const needs = new Map<string, Need>();
  for (const p of pipelinesOf(config, feature)) for (const s of p.stages) for (const n of needsOfStage(config, s)) needs.set(n.key, n);
  return [...needs.values()];
}

/** The sum of hops; unknown as soon as one hop is unknown (a partial sum would understate the delay). */
function total(parts: Measure[]): Measure {
  if (parts.length === 0 || parts.some((p) => p.value === null)) {
    const ats = parts
      .map((p) => p.at)
      .filter((a): a is string => a !== null)
      .sort();
    return { value: null, at: ats[0] ?? null };
  }
  const ats = parts.map((p) => p.at!).sort();
  return { value: parts.reduce((a, p) => a + p.value!, 0), at: ats[0] ?? null };
}

const EDGE_WORDS = {
  outbox: 'not yet published',
  consumer: 'not yet consumed',
  dlq: 'parked in the DLQ',
  cdc: 'not yet confirmed by the CDC consumer',
  cache: 'not yet in the cache',
  watermark: 'not yet loaded (behind the watermark)',
} as const;

function stageDetail(config: TruthflowConfig, stage: StageConfig): string {
  switch (stage.kind) {
    case 'outbox': {
      const o = config.outboxes.find((x) => x.name === stage.name);
      return o ? `outbox table ${o.table} (${o.layout})` : 'outbox';
    }
    case 'consumer': {
      const c = config.consumers.find((x) => x.name === stage.name);
      return c ? `group ${c.group} on ${c.topics.join(', ')}` : 'consumer group';
    }
    case 'dlq': {
      const d = config.dlqs.find((x) => x.name === stage.name);
      return d ? `dead-letter topic ${d.topic}` : 'dead-letter topic';
    }
    case 'index': {
      const ix = config.indexes.find((x) => x.name === stage.name);
      return ix ? `search index ${ix.index} on ${ix.source} (derived store)` : 'search index (derived store)';
    }
    case 'cdc': {
      const c = config.cdc.find((x) => x.name === stage.name);
      return c ? `replication slots ${c.slots?.join(', ') ?? '(all logical)'} on ${c.source}` : 'replication slots';
    }
    case 'cache': {
      const c = config.caches.find((x) => x.name === stage.name);
      return c ? `cache ${c.source} (derived store)` : 'cache (derived store)';
    }
    case 'watermark': {
      const w = config.watermarks.find((x) => x.name === stage.name);
      return w ? `warehouse table ${w.table} on ${w.source} (derived store)` : 'warehouse table (derived store)';
    }
  }
}

export interface FlowInputs {
  readings: Readings;
  needs: Need[];
  scrapes: ScrapeLookup;
  nowMs: number;
  staleAfter: number;
}

export function buildFlow(config: TruthflowConfig, pipeline: PipelineConfig, inputs: FlowInputs): Flow {
  const needByKey = new Map(inputs.needs.map((n) => [n.key, n]));
  const m = (key: string): Measure => {
    const need = needByKey.get(key);
    return need ? measureOf(inputs.readings.get(key), need, inputs.nowMs, inputs.staleAfter) : { value: null, at: null };
  };
  const upstream: Edge[] = []; // the hops a change has crossed so far, for end-to-end totals
  const endToEnd = (): Edge => ({
    label: 'not yet visible here (end to end)',
    messages: total(upstream.map((e) => e.messages)),
    seconds: total(upstream.map((e) => e.seconds)),
  });

  const nodes: FlowNode[] = [
    { kind: 'sor', name: pipeline.systemOfRecord, detail: 'system of record (postgres)', inbound: null, extras: [], scrape: null },
  ];
  for (const stage of pipeline.stages) {
    const k = `${stage.kind}:${stage.name}`;
    const scrape = stageScrape(config, stage, inputs.scrapes, inputs.nowMs, inputs.staleAfter);
    const base = { kind: stage.kind, name: stage.name, detail: stageDetail(config, stage), scrape };
    if (stage.kind === 'index') {
      const extras = [
        { label: 'documents', unit: 'documents', measure: m(`${k}:docs`) },
        { label: 'write rejections', unit: 'per second', measure: m(`${k}:rejections`) },
      ];
      nodes.push({ ...base, inbound: endToEnd(), extras });
      continue;
    }
    const edge: Edge = { label: EDGE_WORDS[stage.kind], messages: m(`${k}:messages`), seconds: m(`${k}:seconds`) };
    if (stage.kind === 'cache') {
      const extras = [
        { label: 'hit ratio', unit: 'ratio', measure: m(`${k}:hit-ratio`) },
        { label: 'evictions', unit: 'per second', measure: m(`${k}:evictions`) },
      ];
      nodes.push({ ...base, inbound: null, extras });
      continue;
    }
    const extras = stage.kind === 'dlq' ? [{ label: 'inflow', unit: 'per minute', measure: m(`${k}:inflow`) }] : [];
    nodes.push({ ...base, inbound: edge, extras });
    // A DLQ is a side track: what is parked there is not on its way to the derived store.
    if (stage.kind !== 'dlq') upstream.push(edge);
  }
  // An index, warehouse watermark or cache is the derived store itself, observed; otherwise the
  // store the last reader (a consumer or a CDC slot's reader) writes is named but not observed.
  if (!pipeline.stages.some((s) => s.kind === 'index' || s.kind === 'watermark' || s.kind === 'cache')) {
    const writer = [...pipeline.stages].reverse().find((s) => s.kind === 'consumer' || s.kind === 'cdc')?.name ?? 'its last stage';
    nodes.push({
      kind: 'store',
      name: `${writer}'s store`,
      detail: `derived store written by ${writer} (not observed directly)`,
      inbound: endToEnd(),
      extras: [],
      scrape: null,
    });
  }
  return { pipeline: pipeline.name, description: pipeline.description ?? null, nodes };
}
