// The indexing collector against real OpenSearch 2.19 nodes (scripts/opensearch.ts). The default
// node is reused when it already runs (and stopped afterwards only if this file started it); the
// overload tests get a node of their own with a write pool of 1 thread and a queue of 1.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { TruthflowError } from '@/lib/errors';
import { createLogger } from '@/lib/log';
import { createSearchClient, type BulkItemResult, type SearchClient } from '@/lib/search/client';
import { SERIES } from '@/lib/series-names';
import { openSearchStatus, startOpenSearch, stopOpenSearch, type OpenSearchOptions } from '../scripts/opensearch';
import { createClients, type Clients } from '@/lib/sources/clients';
import { indexingCollector, indexingTargets, type IndexingState, type IndexingTarget } from './indexing';
import type { JobOutput } from './types';

const suffix = randomUUID().slice(0, 8);
const docsIndex = `truthflow-indexing-int-${suffix}`;
const overloadIndex = `truthflow-overload-int-${suffix}`;
const overloadNode: OpenSearchOptions = {
  httpPort: 19271,
  transportPort: 19371,
  dataDir: path.join(process.cwd(), '.truthflow', 'opensearch-indexing-overload'),
  writeQueueSize: 1,
};
const log = createLogger('test');

let startedDefault = false;
let search: SearchClient;
let config: TruthflowConfig;
let clients: Clients;
let clock = Date.now();
let overloaded: SearchClient;

beforeAll(async () => {
  startedDefault = (await openSearchStatus()) === undefined;
  const node = await startOpenSearch();
  search = createSearchClient({ url: node.url, timeoutMs: 30_000 });
  await search.createIndex(
    docsIndex,
    { properties: { order_id: { type: 'keyword' }, quantity: { type: 'long' } } },
    { number_of_replicas: 0 },
  );
  const sources = {
    search: { kind: 'opensearch', url: node.url },
    overloaded: { kind: 'opensearch', url: `http://127.0.0.1:${overloadNode.httpPort}` },
  };
  const indexes = [
    { name: 'docs', source: 'search', index: docsIndex },
    { name: 'not-yet', source: 'search', index: `${docsIndex}-missing` },
    { name: 'burst', source: 'overloaded', index: overloadIndex },
  ];
  config = parseConfig(JSON.stringify({ sources, indexes, collectors: { intervalSeconds: 20, timeoutSeconds: 15 } }), {});
  clients = createClients(config);
});

afterAll(async () => {
  await clients?.closeAll();
  await search?.deleteIndex(docsIndex).catch(() => undefined);
  // The overload node keeps its data dir between runs; leave no index of this run behind in it.
  await overloaded?.deleteIndex(overloadIndex).catch(() => undefined);
  await stopOpenSearch(overloadNode);
  if (startedDefault) await stopOpenSearch();
});

const target = (source: string): IndexingTarget => indexingTargets(config).find((t) => t.name === source)!;

/** Runs advance a fake clock by 2 s, so a rate is exactly the counter increase divided by 2. */
function collect(t: IndexingTarget, state: IndexingState): Promise<JobOutput> {
  clock += 2000;
  const at = new Date(clock);
  return indexingCollector.collect({ target: t, config, clients, now: () => at, signal: new AbortController().signal, state, log });
}

const valuesOf = (r: JobOutput, metric: string) => r.samples.filter((s) => s.metric === metric).map((s) => s.value);
const docs = (n: number, from: number) =>
  Array.from({ length: n }, (_, i) => ({
    action: 'index' as const,
    index: docsIndex,
    id: `o-${from + i}`,
    document: { order_id: `o-${from + i}`, quantity: i },
  }));

describe('indexing collector on the default node', () => {
  it('emits no rates on the first run, then rates >= 0, and exact doc counts', async () => {
    const state = indexingCollector.initialState(target('search'));
    await search.bulk(docs(5, 0), { refresh: 'wait_for' });
    const first = await collect(target('search'), state);
    expect(valuesOf(first, SERIES.searchWriteRejectionsPerSecond)).toEqual([]);
    expect(valuesOf(first, SERIES.searchIndexOpsPerSecond)).toEqual([]);
    expect(first.samples).toEqual([{ metric: SERIES.searchIndexDocCount, labels: { source: 'search', index: 'docs' }, value: 5 }]);
    // A missing index is a note, never a 0.
    expect(first.notes).toEqual([`index "${docsIndex}-missing" (stage "not-yet") not found on source "search"; doc count unknown`]);

    await search.bulk(docs(3, 5), { refresh: 'wait_for' });
    const second = await collect(target('search'), state);
    for (const metric of [SERIES.searchWriteRejectionsPerSecond, SERIES.searchIndexOpsPerSecond, SERIES.searchIndexFailuresPerSecond]) {
      expect(valuesOf(second, metric)).toHaveLength(1);
      expect(valuesOf(second, metric)[0]).toBeGreaterThanOrEqual(0);
    }
    // At least our 3 writes in 2 s of the fake clock (other tests may share the node and add more).
    expect(valuesOf(second, SERIES.searchIndexOpsPerSecond)[0]).toBeGreaterThanOrEqual(1.5);
    expect(second.samples.find((s) => s.metric === SERIES.searchIndexOpsPerSecond)?.labels).toEqual({
      source: 'search',
      node: 'truthflow-node',
    });
    expect(valuesOf(second, SERIES.searchIndexDocCount)).toEqual([8]);
  });

  it('succeeds with notes when every configured index is missing', async () => {
    const onlyMissing: IndexingTarget = { name: 'search', indexes: target('search').indexes.filter((i) => i.name === 'not-yet') };
    const result = await collect(onlyMissing, indexingCollector.initialState(onlyMissing));
    expect(valuesOf(result, SERIES.searchIndexDocCount)).toEqual([]);
    expect(result.notes).toHaveLength(1);
  });

  it('classifies a mapping conflict in a bulk response as bad_document', async () => {
    const result = await search.bulk([
      { action: 'index', index: docsIndex, id: 'bad-1', document: { order_id: 'bad-1', quantity: 'three' } },
    ]);
    expect(result.items[0]).toMatchObject({ status: 400, outcome: 'bad_document', errorType: 'mapper_parsing_exception' });
  });
});

describe('indexing collector on an overloaded node', () => {
  const state: IndexingState = { nodes: new Map() };
  let accepted = 0;

  beforeAll(async () => {
    const node = await startOpenSearch(overloadNode);
    overloaded = createSearchClient({ url: node.url, timeoutMs: 60_000 });
    await overloaded.createIndex(overloadIndex, { properties: { n: { type: 'long' } } }, { number_of_shards: 1, number_of_replicas: 0 });
  });

  it('sees 429 overload in bulk items and write rejections per second on the next run', async () => {
    const before = await collect(target('overloaded'), state);
    expect(valuesOf(before, SERIES.searchWriteRejectionsPerSecond)).toEqual([]);

    // Far more concurrent bulks than one write thread plus a queue of one can take.
    const bulks = Array.from({ length: 40 }, (_, b) =>
      overloaded
        .bulk(Array.from({ length: 50 }, (_, i) => ({ action: 'index' as const, index: overloadIndex, document: { n: b * 50 + i } })))
        .then((r) => r.items)
        .catch((error: unknown) => {
          // A whole request may also be refused with 429; that is overload too, just not per item.
          if (error instanceof TruthflowError && error.message.includes('429')) return [] as BulkItemResult[];
          throw error;
        }),
    );
    const answers = await Promise.all(bulks);
    const items = answers.flat();
    const overload = items.filter((i) => i.outcome === 'overload');
    expect(overload.length).toBeGreaterThan(0);
    expect(overload[0]).toMatchObject({ status: 429, errorType: 'rejected_execution_exception' });
    accepted = items.filter((i) => i.outcome === 'ok').length;

    const after = await collect(target('overloaded'), state);
    const [rejections] = valuesOf(after, SERIES.searchWriteRejectionsPerSecond);
    expect(rejections).toBeGreaterThan(0);
    // One shard, so each bulk is one shard-level write: the node counted one rejection per refused
    // bulk, over the 2 s the fake clock advanced between the runs.
    const refusedBulks = answers.filter((a) => a.length === 0 || a.every((i) => i.outcome === 'overload')).length;
    expect(rejections).toBe(refusedBulks / 2);
  });

  it('fails with kind network while the node is down, and recovers after a restart', async () => {
    await stopOpenSearch(overloadNode);
    const down = await collect(target('overloaded'), state).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(TruthflowError);
    expect((down as TruthflowError).kind).toBe('network');
    expect((down as TruthflowError).message).toContain('search source "overloaded"');

    await startOpenSearch(overloadNode);
    const back = await collect(target('overloaded'), state);
    // The restart reset the node's counters below the last reading: rates restart from 0, never negative.
    const rates = back.samples.filter((s) => s.metric !== SERIES.searchIndexDocCount);
    expect(rates).toHaveLength(6);
    for (const s of rates) expect(s.value).toBeGreaterThanOrEqual(0);
    // OpenSearch 2.19 reports three indexing-pressure counters but not Elasticsearch 8's
    // primary_document_rejections: that one is "not reported" (no sample), never a 0.
    const pressure = rates.filter((s) => s.metric === SERIES.searchPressureRejectionsPerSecond).map((s) => s.labels.kind);
    expect(pressure).toEqual(['coordinating', 'primary', 'replica']);
    expect(valuesOf(back, SERIES.searchIndexDocCount)).toEqual([accepted]);
  });

  it('sees a mapping conflict only in the bulk item, not in the node failure counter (the known limit)', async () => {
    await collect(target('overloaded'), state);
    const result = await overloaded.bulk([{ action: 'index', index: overloadIndex, id: 'bad', document: { n: 'not a number' } }]);
    expect(result.items[0]).toMatchObject({ status: 400, outcome: 'bad_document', errorType: 'mapper_parsing_exception' });
    const next = await collect(target('overloaded'), state);
    // OpenSearch 2.19 rejects it while parsing, before the engine counts index_failed.
    expect(valuesOf(next, SERIES.searchIndexFailuresPerSecond)).toEqual([0]);
  });
});
