// Indexing collector: per search source (OpenSearch/Elasticsearch) that configured indexes live on,
// the per-node write thread-pool rejections (429 overload), indexing operations and indexing
// failures per second, and the doc count of each configured index. See docs/algorithms.md
// "Indexing rejections: overload vs bad documents".
//
// Elasticsearch 8 also reports indexing-pressure rejections, newer releases per document on the
// primary (indexing_pressure.memory.total.primary_document_rejections); each is read where present
// and a field the server lacks is "not reported", never 0.
//
// Rates come from cumulative node counters differenced between runs. The first sight of a node
// emits no rate: unknown, not 0. A counter lower than last time means the node restarted and
// counts again from 0; as Prometheus' rate() does, the new value is then the increase since the
// previous run. That undercounts what the old process did before it died, but never goes negative.
//
// Known limit: on OpenSearch 2.19 a mapping conflict (400 mapper_parsing_exception) is rejected
// while the document is parsed, before the engine, so it does NOT count in index_failed. Bad
// documents are only visible in bulk responses (lib/search/bulk.ts classifyBulkItem), which the
// monitored system's indexers report as spans or metrics; these node rates cannot show them.
//
// A configured index that does not exist gets a note and no doc-count sample (a 0 would claim the
// index is empty). The run still succeeds even when every index is missing: the node rates do not
// depend on the indexes, and an index is often created lazily by its indexer on the first write,
// so failing the scrape would hide the overload signal exactly when a new pipeline starts.
import type { IndexConfig, TruthflowConfig } from '@/lib/config';
import { TruthflowError } from '@/lib/errors';
import type { NodeIndexingStats, SearchClient } from '@/lib/search/client';
import { SERIES } from '@/lib/series-names';
import type { Collector, SampleInput } from './types';

export interface IndexingTarget {
  /** The search source's name: one target per source, however many indexes live there. */
  name: string;
  indexes: IndexConfig[];
}

interface NodeReading extends NodeIndexingStats {
  /** ms since epoch by the runner's clock, when the counters were read. */
  at: number;
}

export interface IndexingState {
  /** Last counters per node id; nodes gone from the cluster are forgotten, so this stays bounded. */
  nodes: Map<string, NodeReading>;
}

const COUNTERS = [
  ['writeRejected', SERIES.searchWriteRejectionsPerSecond],
  ['indexTotal', SERIES.searchIndexOpsPerSecond],
  ['indexFailed', SERIES.searchIndexFailuresPerSecond],
] as const;

export function indexingTargets(config: TruthflowConfig): IndexingTarget[] {
  const bySource = new Map<string, IndexConfig[]>();
  for (const index of config.indexes) bySource.set(index.source, [...(bySource.get(index.source) ?? []), index]);
  return [...bySource].map(([name, indexes]) => ({ name, indexes }));
}

const PRESSURE_KINDS = [
  ['coordinating', 'coordinating'],
  ['primary', 'primary'],
  ['replica', 'replica'],
  ['primaryDocument', 'primary_document'],
] as const;

/** Rate samples for one node against its previous reading; none on first sight or a still clock. */
export function nodeRates(source: string, node: NodeReading, previous: NodeReading | undefined): SampleInput[] {
  if (!previous) return [];
  const elapsed = (node.at - previous.at) / 1000;
  if (elapsed <= 0) return [];
  // The counters reset together when the node restarts; one going down means all started again.
  const pressurePairs = PRESSURE_KINDS.map(([key, kind]) => ({ kind, now: node.pressure[key], before: previous.pressure[key] }));
  const restarted =
    COUNTERS.some(([key]) => node[key] < previous[key]) ||
    pressurePairs.some((p) => p.now !== null && p.before !== null && p.now < p.before);
  const samples: SampleInput[] = COUNTERS.map(([key, metric]) => ({
    metric,
    labels: { source, node: node.name },
    value: (restarted ? node[key] : node[key] - previous[key]) / elapsed,
  }));
  // A field the server does not report (OpenSearch has no primary_document_rejections) gives no
  // sample at all: "not reported" must never read as "no rejections".
  for (const p of pressurePairs) {
    if (p.now === null || p.before === null) continue;
    samples.push({
      metric: SERIES.searchPressureRejectionsPerSecond,
      labels: { source, node: node.name, kind: p.kind },
      value: (restarted ? p.now : p.now - p.before) / elapsed,
    });
  }
  return samples;
}

const isMissingIndex = (error: unknown) =>
  error instanceof TruthflowError && error.kind === 'http' && error.message.includes('index_not_found_exception');

async function docCount(client: SearchClient, index: IndexConfig): Promise<number | undefined> {
  try {
    return await client.indexDocCount(index.index);
  } catch (error) {
    if (isMissingIndex(error)) return undefined;
    throw error;
  }
}

export const indexingCollector: Collector<IndexingTarget, IndexingState> = {
  name: 'indexing',
  targets: indexingTargets,
  initialState: () => ({ nodes: new Map() }),
  async collect(ctx) {
    const { target: source, state } = ctx;
    const client = ctx.clients.search(source.name);
    const at = ctx.now().getTime();
    let stats: NodeIndexingStats[];
    let counts: (number | undefined)[];
    try {
      // Bounded: one stats call plus one count per configured index of this source.
      [stats, counts] = await Promise.all([client.nodeStats(), Promise.all(source.indexes.map((i) => docCount(client, i)))]);
    } catch (error) {
      const e = error instanceof TruthflowError ? error : new TruthflowError('network', String(error), { cause: error });
      throw new TruthflowError(e.kind, `search source "${source.name}": ${e.message}`, { cause: error });
    }

    const samples: SampleInput[] = [];
    const nodes = new Map<string, NodeReading>();
    for (const node of stats) {
      const reading = { ...node, at };
      samples.push(...nodeRates(source.name, reading, state.nodes.get(node.id)));
      nodes.set(node.id, reading);
    }
    state.nodes = nodes;

    const notes: string[] = [];
    source.indexes.forEach((index, i) => {
      const count = counts[i];
      if (count === undefined)
        notes.push(`index "${index.index}" (stage "${index.name}") not found on source "${source.name}"; doc count unknown`);
      else samples.push({ metric: SERIES.searchIndexDocCount, labels: { source: source.name, index: index.name }, value: count });
    });

    const rejections = samples.filter((s) => s.metric === SERIES.searchWriteRejectionsPerSecond).reduce((sum, s) => sum + s.value, 0);
    const rates = samples.some((s) => s.metric === SERIES.searchWriteRejectionsPerSecond)
      ? `${rejections.toFixed(2)} write rejections/s`
      : 'no rates yet (first reading)';
    const summary = `${stats.length} node${stats.length === 1 ? '' : 's'}, ${rates}, ${source.indexes.length - notes.length}/${source.indexes.length} indexes counted`;
    return { samples, summary, notes: notes.length ? notes : undefined };
  },
};
