// Integration test of the search client against a real OpenSearch 2.19 node started from Maven
// Central jars (scripts/opensearch.ts). Reuses a node that already runs for the default data dir
// and stops it afterwards only if this file started it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchStatus, startOpenSearch, stopOpenSearch } from '../../scripts/opensearch';
import { TruthflowError } from '../errors';
import { createSearchClient, type SearchClient } from './client';

let client: SearchClient;
let startedHere = false;
const index = `truthflow-client-int-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  startedHere = (await openSearchStatus()) === undefined;
  const node = await startOpenSearch().catch((error: unknown) => {
    throw new Error(`real OpenSearch node unavailable, client not tested: ${(error as Error).message}`, { cause: error });
  });
  expect(node.version).toMatch(/^2\.19\./);
  client = createSearchClient({ url: node.url, timeoutMs: 30_000 });
  // No replicas: a single node would otherwise leave them unassigned and the index yellow.
  await client.createIndex(index, { properties: { order_id: { type: 'keyword' }, quantity: { type: 'long' } } }, { number_of_replicas: 0 });
});

afterAll(async () => {
  await client?.deleteIndex(index).catch(() => undefined);
  if (startedHere) await stopOpenSearch();
});

describe('search client against OpenSearch', () => {
  it('reports a healthy single-node cluster', async () => {
    const health = await client.clusterHealth();
    expect(health.clusterName).toBe('truthflow');
    expect(['green', 'yellow']).toContain(health.status);
    expect(health.numberOfNodes).toBe(1);
  });

  it('indexes a document and gets it back by id', async () => {
    const source = { order_id: 'o-1001', quantity: 3, note: 'first order' };
    expect(await client.indexDocument(index, 'o-1001', source, { refresh: 'wait_for' })).toEqual({ version: 1, result: 'created' });
    expect(await client.getDocument(index, 'o-1001')).toEqual({ found: true, version: 1, source });
    expect(await client.indexDocCount(index)).toBe(1);
  });

  it('reports a missing id as not found and a missing index as an http error', async () => {
    expect(await client.getDocument(index, 'no-such-order')).toEqual({ found: false });
    const error = await client.getDocument(`${index}-missing`, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TruthflowError);
    expect((error as TruthflowError).kind).toBe('http');
    expect((error as TruthflowError).message).toContain('index_not_found_exception');
  });

  it('classifies a mapping conflict in a bulk as bad_document', async () => {
    const result = await client.bulk(
      [
        { action: 'index', index, id: 'o-1002', document: { order_id: 'o-1002', quantity: 'three' } },
        { action: 'index', index, id: 'o-1003', document: { order_id: 'o-1003', quantity: 1 } },
      ],
      { refresh: 'wait_for' },
    );
    expect(result.errors).toBe(true);
    expect(result.items[0]).toMatchObject({ id: 'o-1002', status: 400, outcome: 'bad_document', errorType: 'mapper_parsing_exception' });
    expect(result.items[1]).toMatchObject({ id: 'o-1003', outcome: 'ok' });
    expect(await client.getDocument(index, 'o-1002')).toEqual({ found: false });
  });

  it('reads indexing counters from node stats', async () => {
    const nodes = await client.nodeStats();
    expect(nodes).toHaveLength(1);
    const [node] = nodes;
    expect(node?.name).toBe('truthflow-node');
    expect(node?.indexTotal).toBeGreaterThan(0);
    expect(node?.writeRejected).toBeGreaterThanOrEqual(0);
    // Observed on 2.19: a mapping conflict is rejected while parsing, before the engine, so it does
    // not count in index_failed; only the bulk item says so. Collectors must not rely on it.
    expect(node?.indexFailed).toBeGreaterThanOrEqual(0);
  });
});
