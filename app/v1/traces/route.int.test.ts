// POST /v1/traces against a real scratch Postgres: every status code the OTLP/HTTP spec asks for,
// in both encodings, partial success, unknown JSON fields, retries, and backpressure.
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { createIngestQueue } from '@/lib/otlp/ingest';
import { otlpTypes } from '@/lib/otlp/protos';
import { receiveTraces } from '@/lib/otlp/receive';
import { ingestQueue, storeWriter } from '@/lib/otlp/store-writer';
import { exportRequest, jsonSpan, newTraceId, toProtobuf } from '@/e2e/fixtures/otlp-requests';
import { post, receiverEnv, type ReceiverEnv } from '@/e2e/fixtures/otlp-receiver-env';
import { POST } from './route';

const JSON_TYPE = { 'content-type': 'application/json' };
const PROTO_TYPE = { 'content-type': 'application/x-protobuf' };
const decode = async (res: Response, type: 'ExportTraceServiceResponse' | 'Status') =>
  otlpTypes()[type].toObject(otlpTypes()[type].decode(new Uint8Array(await res.arrayBuffer())), { longs: Number });

let env: ReceiverEnv;
beforeAll(async () => {
  // A small queue, so that the backpressure test can fill it.
  env = await receiverEnv('otlp_route', { TRUTHFLOW_OTLP_MAX_QUEUED_SPANS: '100', TRUTHFLOW_OTLP_WRITERS: '1' });
});
afterAll(async () => env?.close());

describe('POST /v1/traces', () => {
  it('stores JSON spans and their business keys, answering an empty JSON response', async () => {
    const traceId = newTraceId();
    const body = exportRequest({
      checkout: [jsonSpan({ traceId, attributes: { order_id: 'R-1', 'db.system': 'postgresql' } }), jsonSpan({ traceId })],
    });
    const res = await POST(post(JSON.stringify(body), JSON_TYPE));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({});
    expect(await env.count('spans', 'trace_id = $1', [traceId])).toBe(2);
    const { rows } = await env.sql.query(
      'SELECT key_name, stage, service_name FROM span_keys JOIN spans USING (trace_id, span_id) WHERE key_value = $1',
      ['R-1'],
    );
    expect(rows).toEqual([{ key_name: 'order_id', stage: 'postgres', service_name: 'checkout' }]);
  });

  it('stores protobuf spans (gzipped too) and answers an empty protobuf response', async () => {
    const traceId = newTraceId();
    const bytes = toProtobuf(exportRequest({ relay: [jsonSpan({ traceId, kind: 4 })] }));
    const res = await POST(post(bytes as BodyInit, PROTO_TYPE));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    expect((await res.arrayBuffer()).byteLength).toBe(0);
    const gz = await POST(
      post(gzipSync(toProtobuf(exportRequest({ relay: [jsonSpan({ traceId })] }))) as BodyInit, {
        ...PROTO_TYPE,
        'content-encoding': 'gzip',
      }),
    );
    expect(gz.status).toBe(200);
    expect(await env.count('spans', 'trace_id = $1', [traceId])).toBe(2);
  });

  it('answers partial success in both encodings, storing only the valid spans', async () => {
    const traceId = newTraceId();
    const spans = [
      jsonSpan({ traceId }),
      { ...jsonSpan({ traceId }), spanId: '0000000000000000' },
      { ...jsonSpan({ traceId }), endTimeUnixNano: '1' },
    ];
    const json = await POST(post(JSON.stringify(exportRequest({ s: spans })), JSON_TYPE));
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({
      partialSuccess: {
        rejectedSpans: '2',
        errorMessage: expect.stringMatching(/^2 of 3 spans rejected: span 1: span_id .*; span 2: end_time/),
      },
    });
    const proto = await POST(post(toProtobuf(exportRequest({ s: spans })) as BodyInit, PROTO_TYPE));
    expect(await decode(proto, 'ExportTraceServiceResponse')).toEqual({
      partialSuccess: { rejectedSpans: 2, errorMessage: expect.stringContaining('2 of 3 spans rejected') },
    });
    expect(await env.count('spans', 'trace_id = $1', [traceId])).toBe(1);
  });

  it('ignores unknown JSON fields anywhere', async () => {
    const traceId = newTraceId();
    const span = {
      ...jsonSpan({ traceId, attributes: { order_id: 'R-unknown' } }),
      brandNewField: [1, 2],
      status: { code: 0, future: true },
    };
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [], entityRefs: [] },
          scopeSpans: [{ scope: { name: 'x', newThing: 1 }, spans: [span], extra: 'y' }],
          z: 1,
        },
      ],
      topLevelNew: {},
    };
    const res = await POST(post(JSON.stringify(body), JSON_TYPE));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(await env.count('span_keys', 'key_value = $1', ['R-unknown'])).toBe(1);
  });

  it('keeps a retried export to one copy', async () => {
    const traceId = newTraceId();
    const body = JSON.stringify(exportRequest({ s: [jsonSpan({ traceId, attributes: { order_id: 'R-retry' } })] }));
    for (let i = 0; i < 3; i++) expect((await POST(post(body, JSON_TYPE))).status).toBe(200);
    expect(await env.count('spans', 'trace_id = $1', [traceId])).toBe(1);
    expect(await env.count('span_keys', 'key_value = $1', ['R-retry'])).toBe(1);
  });

  it('answers 400 with a google.rpc.Status for malformed bodies, in the request encoding', async () => {
    const json = await POST(post('{"resourceSpans": [', JSON_TYPE));
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ code: 3, message: expect.stringContaining('not JSON') });
    const proto = await POST(post(Buffer.from([0x0a, 0xff, 0xff, 0x01]) as BodyInit, PROTO_TYPE));
    expect(proto.status).toBe(400);
    expect(await decode(proto, 'Status')).toEqual({ code: 3, message: expect.stringContaining('ExportTraceServiceRequest') });
    expect((await POST(post(Buffer.from('not gzip') as BodyInit, { ...JSON_TYPE, 'content-encoding': 'gzip' }))).status).toBe(400);
  });

  it('answers 413 by Content-Length and by decompressed size', async () => {
    const big = await POST(post('x', { ...JSON_TYPE, 'content-length': String(10 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    const bomb = gzipSync(Buffer.from(JSON.stringify({ resourceSpans: [], pad: 'x'.repeat(2 * 1024 * 1024) })));
    expect(bomb.length).toBeLessThan(262_144);
    const res = await POST(post(bomb as BodyInit, { ...JSON_TYPE, 'content-encoding': 'gzip' }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 8, message: expect.stringContaining('exceeds 262144 bytes') });
  });

  it('answers 415 for other content types and encodings, 401 without the token', async () => {
    expect((await POST(post('hello', { 'content-type': 'text/plain' }))).status).toBe(415);
    expect((await POST(post('{}', { ...JSON_TYPE, 'content-encoding': 'br' }))).status).toBe(415);
    const noToken = await POST(new Request('http://x/v1/traces', { method: 'POST', body: '{}', headers: JSON_TYPE }));
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toEqual({ code: 16, message: expect.any(String) });
    expect((await POST(post('{}', { ...JSON_TYPE, authorization: 'Bearer wrong-token-wrong-token' }))).status).toBe(401);
  });

  it('answers 429 with Retry-After when the queue is full, and stores the queued spans once unblocked', async () => {
    const lock = new pg.Client({ connectionString: env.db.url });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE spans IN ACCESS EXCLUSIVE MODE');
    const traceId = newTraceId();
    const request = () => post(JSON.stringify(exportRequest({ s: Array.from({ length: 60 }, () => jsonSpan({ traceId })) })), JSON_TYPE);
    const first = POST(request()); // taken by the writer, which waits for the lock
    while (ingestQueue().queuedSpans() === 0) await new Promise((r) => setTimeout(r, 10));
    const refused = await POST(request()); // 60 in flight + 60 > 100
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    await lock.query('COMMIT');
    await lock.end();
    expect((await first).status).toBe(200);
    expect(await env.count('spans', 'trace_id = $1', [traceId])).toBe(60);
  });

  it('answers 503 with Retry-After when the store is unreachable', async () => {
    const dead = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 1_000 });
    const queue = createIngestQueue({ write: storeWriter(() => dead), maxQueuedSpans: 100, maxBatchSpans: 100, writers: 1 });
    const traces = parseConfig('traces: { maxBodyBytes: 65536 }', {}).traces;
    const res = await receiveTraces(post(JSON.stringify(exportRequest({ s: [jsonSpan()] })), JSON_TYPE), { traces, queue });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ code: 14, message: expect.stringContaining('span store unavailable') });
    await dead.end();
  });
});
