// The indexing collector and the bulk classification against a real Elasticsearch 8 node
// (scripts/elasticsearch.ts, Maven Central jars). The node is reused when it already runs and
// stopped afterwards only if this file started it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { createSearchClient, type SearchClient } from '@/lib/search/client';
import { SERIES } from '@/lib/series-names';
import { createClients, type Clients } from '@/lib/sources/clients';
import { elasticsearchStatus, startElasticsearch, stopElasticsearch } from '../scripts/elasticsearch';
import { indexingCollector, indexingTargets, type IndexingState } from './indexing';
import type { JobOutput } from './types';

const index = `truthflow-es8-int-${randomUUID().slice(0, 8)}`;
const log = createLogger('test');
let startedHere = false;
let search: SearchClient;
let config: TruthflowConfig;
let clients: Clients;

beforeAll(async () => {
  startedHere = (await elasticsearchStatus()) === undefined;
  const node = await startElasticsearch();
  expect(node.version.startsWith('8.')).toBe(true);
  search = createSearchClient({ url: node.url, timeoutMs: 30_000 });
  const mappings = { dynamic: 'strict', properties: { order_id: { type: 'keyword' }, quantity: { type: 'long' } } };
  await search.createIndex(index, mappings, { number_of_replicas: 0 });
  const sources = { es: { kind: 'elasticsearch', url: node.url } };
  config = parseConfig(JSON.stringify({ sources, indexes: [{ name: 'orders', source: 'es', index }] }), {});
  clients = createClients(config);
}, 400_000);

afterAll(async () => {
  await clients?.closeAll();
  await search?.deleteIndex(index).catch(() => undefined);
  if (startedHere) await stopElasticsearch();
});

describe('Elasticsearch 8', () => {
  it('classifies document_parsing_exception and strict_dynamic_mapping_exception as bad documents (mapping)', async () => {
    const result = await search.bulk(
      [
        { action: 'index', index, id: 'o-1', document: { order_id: 'o-1', quantity: 'many' } },
        { action: 'index', index, id: 'o-2', document: { order_id: 'o-2', colour: 'red' } },
        { action: 'index', index, id: 'o-3', document: { order_id: 'o-3', quantity: 2 } },
      ],
      { refresh: true },
    );
    expect(result.items.map((i) => [i.status, i.errorType, i.outcome])).toEqual([
      [400, 'document_parsing_exception', 'bad_document'],
      [400, 'strict_dynamic_mapping_exception', 'bad_document'],
      [201, undefined, 'ok'],
    ]);
  });

  it('reads the ES 8 indexing-pressure counters, primary_document_rejections included, as rates', async () => {
    const [target] = indexingTargets(config);
    const state: IndexingState = indexingCollector.initialState(target!);
    let clock = Date.now();
    const run = (): Promise<JobOutput> =>
      indexingCollector.collect({
        target: target!,
        config,
        clients,
        now: () => new Date(clock),
        signal: new AbortController().signal,
        state,
        log,
      });
    const first = await run();
    expect(first.samples.filter((s) => s.metric === SERIES.searchPressureRejectionsPerSecond)).toEqual([]); // first sight: no rates
    expect(first.samples).toContainEqual({ metric: SERIES.searchIndexDocCount, labels: { source: 'es', index: 'orders' }, value: 1 });
    clock += 10_000;
    const second = await run();
    const kinds = second.samples.filter((s) => s.metric === SERIES.searchPressureRejectionsPerSecond).map((s) => [s.labels.kind, s.value]);
    expect(kinds).toEqual([
      ['coordinating', 0],
      ['primary', 0],
      ['replica', 0],
      ['primary_document', 0],
    ]);
    expect(second.samples.some((s) => s.metric === SERIES.searchWriteRejectionsPerSecond)).toBe(true);
  });
});
