// Unit tests against a real local HTTP server (node:http) that plays a search server, so the
// client's fetch, timeout, status and zod handling run for real without OpenSearch.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TruthflowError } from '../errors';
import { classifyBulkItem, createSearchClient } from './client';

type Route = (req: http.IncomingMessage, body: string) => { status: number; body: string | object } | 'hang';

const seen: { path: string; authorization?: string; contentType?: string; body: string }[] = [];
let routes: Record<string, Route> = {};
let server: http.Server;
let baseUrl: string;

function reply(res: http.ServerResponse, status: number, body: string | object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const path = req.url ?? '/';
      seen.push({ path, authorization: req.headers.authorization, contentType: req.headers['content-type'], body });
      const route = routes[`${req.method} ${path.split('?')[0]}`];
      const answer = route ? route(req, body) : { status: 404, body: { error: 'no route' } };
      if (answer !== 'hang') reply(res, answer.status, answer.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

async function failure(p: Promise<unknown>): Promise<TruthflowError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TruthflowError);
  return error as TruthflowError;
}

const health = { cluster_name: 'c', status: 'yellow', number_of_nodes: 1, active_shards: 3, unassigned_shards: 3 };

describe('classifyBulkItem', () => {
  it.each([
    [201, undefined, 'ok'],
    [200, undefined, 'ok'],
    [429, 'rejected_execution_exception', 'overload'],
    [429, 'es_rejected_execution_exception', 'overload'],
    [429, undefined, 'overload'],
    [400, 'mapper_parsing_exception', 'bad_document'],
    [400, 'document_parsing_exception', 'bad_document'],
    [400, 'strict_dynamic_mapping_exception', 'bad_document'],
    [400, 'illegal_argument_exception', 'bad_document'],
    [400, 'action_request_validation_exception', 'other'],
    [409, 'version_conflict_engine_exception', 'other'],
    [404, undefined, 'other'],
  ] as const)('status %i type %s → %s', (status, type, outcome) => {
    expect(classifyBulkItem(status, type)).toBe(outcome);
  });
});

describe('createSearchClient', () => {
  it('parses cluster health and sends basic auth', async () => {
    routes = { 'GET /_cluster/health': () => ({ status: 200, body: health }) };
    const client = createSearchClient({ url: baseUrl, auth: { type: 'basic', username: 'u', password: 'p' } });
    expect(await client.clusterHealth()).toEqual({
      clusterName: 'c',
      status: 'yellow',
      numberOfNodes: 1,
      activeShards: 3,
      unassignedShards: 3,
    });
    expect(seen.at(-1)?.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('sends an API key as "ApiKey …"', async () => {
    routes = { 'GET /_cluster/health': () => ({ status: 200, body: health }) };
    await createSearchClient({ url: `${baseUrl}/`, auth: { type: 'apiKey', apiKey: 'abc==' } }).clusterHealth();
    expect(seen.at(-1)?.authorization).toBe('ApiKey abc==');
  });

  it('classifies every bulk item and sends NDJSON', async () => {
    const item = (status: number, error?: object) => ({ index: { _index: 'i', _id: String(status), status, ...(error ? { error } : {}) } });
    routes = {
      'POST /_bulk': () => ({
        status: 200,
        body: {
          took: 3,
          errors: true,
          items: [
            item(201),
            item(429, { type: 'rejected_execution_exception', reason: 'queue full' }),
            item(400, { type: 'mapper_parsing_exception', reason: 'failed to parse field [n]' }),
            item(409, { type: 'version_conflict_engine_exception', reason: 'conflict' }),
            { delete: { _index: 'i', _id: 'gone', status: 404, result: 'not_found' } },
          ],
        },
      }),
    };
    const client = createSearchClient({ url: baseUrl });
    const result = await client.bulk([
      { action: 'index', index: 'i', id: '201', document: { a: 1 } },
      { action: 'index', index: 'i', id: '429', document: { a: 2 } },
      { action: 'index', index: 'i', id: '400', document: { a: 'x' } },
      { action: 'update', index: 'i', id: '409', document: { a: 3 } },
      { action: 'delete', index: 'i', id: 'gone' },
    ]);
    expect(result.items.map((i) => i.outcome)).toEqual(['ok', 'overload', 'bad_document', 'other', 'other']);
    expect(result.items[1]).toMatchObject({ errorType: 'rejected_execution_exception', reason: 'queue full' });
    expect(result.items[4]).toMatchObject({ action: 'delete', reason: 'not_found' });
    const sent = seen.at(-1);
    expect(sent?.contentType).toBe('application/x-ndjson');
    expect(sent?.body.split('\n')).toHaveLength(10); // 4 metas with sources, 1 delete meta, final newline
    expect(sent?.body.split('\n')[7]).toBe('{"doc":{"a":3}}');
  });

  it('rejects a bulk answer with fewer items than operations', async () => {
    routes = { 'POST /_bulk': () => ({ status: 200, body: { took: 1, errors: false, items: [] } }) };
    const error = await failure(createSearchClient({ url: baseUrl }).bulk([{ action: 'delete', index: 'i', id: '1' }]));
    expect(error.kind).toBe('parse');
  });

  it('reports garbage as a parse error', async () => {
    routes = { 'GET /_cluster/health': () => ({ status: 200, body: '<html>proxy says hi</html>' }) };
    const error = await failure(createSearchClient({ url: baseUrl }).clusterHealth());
    expect(error.kind).toBe('parse');
    expect(error.message).toContain('not JSON');
  });

  it('reads indexing-pressure rejections where reported and leaves the rest unknown, never 0', async () => {
    // Shapes as answered by the real servers: Elasticsearch 8.15 reports primary_document_rejections,
    // OpenSearch 2.19 does not, and a server without indexing_pressure at all reports none of them.
    const node = (name: string, total: Record<string, number> | undefined) => ({
      name,
      thread_pool: { write: { rejected: 1 } },
      indices: { indexing: { index_total: 5, index_failed: 0 } },
      ...(total ? { indexing_pressure: { memory: { total, limit_in_bytes: 53687091 } } } : {}),
    });
    const pressure = { coordinating_rejections: 2, primary_rejections: 3, replica_rejections: 4 };
    routes = {
      'GET /_nodes/stats/thread_pool,indices,indexing_pressure': () => ({
        status: 200,
        body: {
          nodes: {
            es: node('es8', { ...pressure, primary_document_rejections: 7 }),
            os: node('opensearch', pressure),
            old: node('old', undefined),
          },
        },
      }),
    };
    const stats = await createSearchClient({ url: baseUrl }).nodeStats();
    expect(stats.map((s) => [s.name, s.pressure])).toEqual([
      ['es8', { coordinating: 2, primary: 3, replica: 4, primaryDocument: 7 }],
      ['opensearch', { coordinating: 2, primary: 3, replica: 4, primaryDocument: null }],
      ['old', { coordinating: null, primary: null, replica: null, primaryDocument: null }],
    ]);
  });

  it('reports a wrongly shaped body as a parse error naming the field', async () => {
    routes = {
      'GET /_nodes/stats/thread_pool,indices,indexing_pressure': () => ({
        status: 200,
        body: { nodes: { n1: { name: 'a', thread_pool: { write: { rejected: 'many' } }, indices: {} } } },
      }),
    };
    const error = await failure(createSearchClient({ url: baseUrl }).nodeStats());
    expect(error.kind).toBe('parse');
    expect(error.message).toContain('nodes.n1');
  });

  it('maps 401 and 403 to auth errors', async () => {
    routes = {
      'GET /_cluster/health': () => ({ status: 401, body: { error: { type: 'security_exception', reason: 'missing credentials' } } }),
      'GET /_count': () => ({ status: 403, body: { error: { type: 'security_exception', reason: 'no permission' } } }),
    };
    const client = createSearchClient({ url: baseUrl, auth: { type: 'basic', username: 'u', password: 'secret-pw' } });
    const unauthorized = await failure(client.clusterHealth());
    expect(unauthorized.kind).toBe('auth');
    expect(unauthorized.message).toContain('missing credentials');
    expect(unauthorized.message).not.toContain('secret-pw');
    expect((await failure(client.indexDocCount(''))).kind).toBe('auth');
  });

  it('maps other error statuses to http errors with the server type and reason', async () => {
    routes = {
      'PUT /dup': () => ({
        status: 400,
        body: { error: { type: 'resource_already_exists_exception', reason: 'index [dup] already exists' }, status: 400 },
      }),
    };
    const error = await failure(createSearchClient({ url: baseUrl }).createIndex('dup', {}));
    expect(error.kind).toBe('http');
    expect(error.message).toContain('400');
    expect(error.message).toContain('resource_already_exists_exception: index [dup] already exists');
  });

  it('reads a missing document as found: false but a missing index as an http error', async () => {
    routes = {
      'GET /i/_doc/nope': () => ({ status: 404, body: { _index: 'i', _id: 'nope', found: false } }),
      'GET /i/_doc/yes': () => ({
        status: 200,
        body: { _index: 'i', _id: 'yes', _version: 2, found: true, _source: { order_id: 'o-1' } },
      }),
      'GET /gone/_doc/x': () => ({
        status: 404,
        body: { error: { type: 'index_not_found_exception', reason: 'no such index [gone]' }, status: 404 },
      }),
    };
    const client = createSearchClient({ url: baseUrl });
    expect(await client.getDocument('i', 'nope')).toEqual({ found: false });
    expect(await client.getDocument('i', 'yes')).toEqual({ found: true, version: 2, source: { order_id: 'o-1' } });
    const error = await failure(client.getDocument('gone', 'x'));
    expect(error.kind).toBe('http');
    expect(error.message).toContain('index_not_found_exception');
  });

  it('encodes index and id into the path', async () => {
    routes = { 'PUT /i/_doc/a%2Fb%20c': () => ({ status: 201, body: { _index: 'i', _id: 'a/b c', _version: 1, result: 'created' } }) };
    const result = await createSearchClient({ url: baseUrl }).indexDocument('i', 'a/b c', { x: 1 }, { refresh: 'wait_for' });
    expect(result).toEqual({ version: 1, result: 'created' });
    expect(seen.at(-1)?.path).toBe('/i/_doc/a%2Fb%20c?refresh=wait_for');
  });

  it('times out a server that never answers', async () => {
    routes = { 'GET /_cluster/health': () => 'hang' };
    const error = await failure(createSearchClient({ url: baseUrl, timeoutMs: 200 }).clusterHealth());
    expect(error.kind).toBe('timeout');
  });

  it('reports connection refused on a closed port as a network error', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const error = await failure(createSearchClient({ url: `http://127.0.0.1:${port}` }).clusterHealth());
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });
});
