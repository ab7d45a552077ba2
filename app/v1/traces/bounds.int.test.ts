// Bounded OTLP work against a real scratch store: per-request limits said in partial_success, the
// early 429 that leaves the body unread, and the memory a worst-case 4 MiB request costs.
//
// The RSS bound: a 4 MiB body (the default maxBodyBytes) of minimal valid spans, or of spans each
// carrying 64-value arrays on all five default business keys, may grow this process's resident
// memory by at most RSS_BOUND_MIB while it is decoded, bounded and stored. Measured on the
// development machine (Node 20): about 120 MiB for the minimal spans (67,650 in the body, 20,000
// stored, the rest refused) and about 70 MiB for the key arrays (182 spans, 58,240 key values,
// 50,000 indexed). Each test prints its figure.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { createIngestQueue, type IngestQueue } from '@/lib/otlp/ingest';
import { receiveTraces } from '@/lib/otlp/receive';
import { storeWriter } from '@/lib/otlp/store-writer';
import { exportRequest, jsonSpan, newTraceId, toProtobuf } from '@/e2e/fixtures/otlp-requests';
import { receiverEnv, type ReceiverEnv } from '@/e2e/fixtures/otlp-receiver-env';

const RSS_BOUND_MIB = 300;
const MIB = 1024 * 1024;
const JSON_TYPE = { 'content-type': 'application/json' };
const PROTO_TYPE = { 'content-type': 'application/x-protobuf' };

let env: ReceiverEnv;
beforeAll(async () => {
  env = await receiverEnv('otlp_bounds');
});
afterAll(async () => env?.close());

const request = (body: BodyInit, headers: Record<string, string>) =>
  new Request('http://127.0.0.1/v1/traces', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
const queueOf = (write = storeWriter()): IngestQueue =>
  createIngestQueue({ write, maxQueuedSpans: 50_000, maxBatchSpans: 2_048, writers: 3 });
const keyArrays = (prefix: string) =>
  ['order_id', 'order.id', 'app.order_id', 'event_id', 'messaging.message.id'].map((key) => ({
    key,
    value: { arrayValue: { values: Array.from({ length: 64 }, (_, i) => ({ stringValue: `${prefix}-${key}-${i}` })) } },
  }));

/** The highest RSS seen while `work` runs, sampled every few milliseconds, minus the RSS before. */
async function rssGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return (Math.max(peak, process.memoryUsage().rss) - before) / MIB;
}

describe('per-request limits', () => {
  it('refuses spans beyond the limit, cuts long values, indexes a bounded number of keys, and says so', async () => {
    const traces = parseConfig('traces: { maxSpansPerRequest: 3, maxKeyRowsPerRequest: 100, maxAttributeValueLength: 64 }', {}).traces;
    const traceId = newTraceId();
    const spans = Array.from({ length: 5 }, (_, i) => ({
      ...jsonSpan({ traceId, attributes: { note: 'n'.repeat(5000) } }),
      attributes: [...keyArrays(`cut-${traceId}-${i}`), { key: 'note', value: { stringValue: 'n'.repeat(5000) } }],
    }));
    const res = await receiveTraces(request(toProtobuf(exportRequest({ svc: spans })) as BodyInit, PROTO_TYPE), {
      traces,
      queue: queueOf(),
    });
    expect(res.status).toBe(200);
    const { otlpTypes } = await import('@/lib/otlp/protos');
    const type = otlpTypes().ExportTraceServiceResponse;
    const answer = type.toObject(type.decode(new Uint8Array(await res.arrayBuffer())), { longs: Number }) as {
      partialSuccess: { rejectedSpans: number; errorMessage: string };
    };
    expect(answer.partialSuccess.rejectedSpans).toBe(2);
    expect(answer.partialSuccess.errorMessage).toBe(
      '2 spans beyond the limit of 3 per request were refused; 3 attribute values longer than 64 characters were cut; ' +
        '860 business-key entries beyond 100 per request were not indexed (their spans are stored)',
    );
    expect(await env.count('spans', 'trace_id = $1', [traceId])).toBe(3);
    expect(await env.count('span_keys', 'trace_id = $1', [traceId])).toBe(100);
    const { rows } = await env.sql.query<{ note: string }>("SELECT attributes->>'note' AS note FROM spans WHERE trace_id = $1", [traceId]);
    expect(rows.map((r) => r.note)).toEqual(Array(3).fill(`${'n'.repeat(64)}…`));
  });

  it('answers 429 with Retry-After before reading a byte of the body when the queue is full', async () => {
    const traces = parseConfig('traces: {}', {}).traces;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const queue = queueOf(() => held);
    const filling = queue.submit({ spans: Array.from({ length: 50_000 }, () => ({}) as never), keys: [] });
    expect(queue.isFull()).toBe(true);
    let pulled = 0;
    // highWaterMark 0: nothing is pulled until someone reads.
    const body = new ReadableStream(
      {
        pull(controller) {
          pulled++;
          controller.enqueue(new TextEncoder().encode('{}'));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const res = await receiveTraces(request(body, JSON_TYPE), { traces, queue });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(await res.json()).toEqual({ code: 8, message: 'ingest queue is full; retry later' });
    expect(pulled).toBe(0);
    release();
    await filling;
  });
});

describe('worst-case 4 MiB requests', () => {
  const traces = parseConfig('traces: {}', {}).traces;

  it(`store minimal spans up to the span limit within ${RSS_BOUND_MIB} MiB of RSS`, async () => {
    const traceId = newTraceId();
    const sizeOf = (n: number) => toProtobuf(exportRequest({ s: Array.from({ length: n }, () => jsonSpan({ traceId })) })).length;
    const perSpan = sizeOf(2) - sizeOf(1);
    let count = Math.floor((4 * MIB) / perSpan);
    let spans = Array.from({ length: count }, () => jsonSpan({ traceId }));
    let body = toProtobuf(exportRequest({ s: spans }));
    while (body.length > 4 * MIB) {
      spans = spans.slice(0, (count -= 100));
      body = toProtobuf(exportRequest({ s: spans }));
    }
    let res: Response | undefined;
    const growth = await rssGrowth(async () => {
      res = await receiveTraces(request(body as BodyInit, PROTO_TYPE), { traces, queue: queueOf() });
    });
    console.log(`4 MiB of ${spans.length} minimal spans: RSS grew ${growth.toFixed(0)} MiB`);
    expect(res!.status).toBe(200);
    expect(spans.length).toBeGreaterThan(traces.maxSpansPerRequest);
    expect(await env.count('spans', 'trace_id = $1', [traceId])).toBe(traces.maxSpansPerRequest);
    expect(growth).toBeLessThan(RSS_BOUND_MIB);
  });

  it(`index 64-value key arrays up to the key-row limit within ${RSS_BOUND_MIB} MiB of RSS`, async () => {
    const traceId = newTraceId();
    const spans: Record<string, unknown>[] = [];
    let size = 0;
    for (let i = 0; size < 4 * MIB - 64 * 1024; i++) {
      const span = { ...jsonSpan({ traceId }), attributes: keyArrays(`${traceId}-${i}`) };
      size += JSON.stringify(span).length;
      spans.push(span);
    }
    const json = Buffer.from(JSON.stringify(exportRequest({ s: spans })));
    expect(json.length).toBeLessThanOrEqual(4 * MIB);
    let res: Response | undefined;
    const growth = await rssGrowth(async () => {
      res = await receiveTraces(request(gzipSync(json), { ...JSON_TYPE, 'content-encoding': 'gzip' }), { traces, queue: queueOf() });
    });
    console.log(`4 MiB of ${spans.length} spans × 5 keys × 64 values: RSS grew ${growth.toFixed(0)} MiB`);
    expect(res!.status).toBe(200);
    expect((await res!.json()).partialSuccess.errorMessage).toMatch(/business-key entries beyond 50000 per request were not indexed/);
    expect(await env.count('spans', 'trace_id = $1', [traceId])).toBe(spans.length);
    expect(await env.count('span_keys', 'trace_id = $1', [traceId])).toBe(traces.maxKeyRowsPerRequest);
    expect(growth).toBeLessThan(RSS_BOUND_MIB);
  });
});
