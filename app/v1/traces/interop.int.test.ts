// Interop: the real OpenTelemetry JS exporters (protobuf and JSON over HTTP, gzip) send to the
// receiver through a real HTTP server, and the spans show up in the order lookup, stitched across
// three traces by key and by span links.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getOrder } from '@/app/api/orders/[orderId]/route';
import { POST } from '@/app/v1/traces/route';
import { orderViewSchema } from '@/lib/orders/types';
import { auth, receiverEnv, type ReceiverEnv } from '@/e2e/fixtures/otlp-receiver-env';

type ExporterConfig = NonNullable<ConstructorParameters<typeof ProtoExporter>[0]>;
const GZIP = 'gzip' as ExporterConfig['compression'];

let env: ReceiverEnv;
let server: Server;
let url: string;
const seen: { type: string; encoding: string; status: number }[] = [];

beforeAll(async () => {
  env = await receiverEnv('otlp_interop');
  server = createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
    void POST(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body, duplex: 'half' } as RequestInit)).then(
      async (response) => {
        seen.push({ type: headers.get('content-type') ?? '', encoding: headers.get('content-encoding') ?? '', status: response.status });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await env?.close();
});

function provider(service: string, exporter: ProtoExporter | HttpJsonExporter) {
  return new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
}

const end = (span: Span) => {
  span.end();
  return span.spanContext();
};

describe('real OpenTelemetry exporters', () => {
  it('deliver protobuf and JSON spans, gzipped, that the order lookup stitches together', async () => {
    const orderId = `INTEROP-${Date.now()}`;
    const config = { url, compression: GZIP, headers: auth };
    const checkout = provider('checkout', new ProtoExporter(config));
    const relay = provider('relay', new ProtoExporter(config));
    const indexer = provider('indexer', new HttpJsonExporter(config));

    // Trace A: checkout commits the order and its outbox row.
    const request = checkout.getTracer('shop').startSpan('POST /orders', { kind: SpanKind.SERVER, attributes: { order_id: orderId } });
    const insert = checkout
      .getTracer('shop')
      .startSpan(
        'INSERT outbox',
        { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql', 'db.collection.name': 'outbox', order_id: orderId } },
        trace.setSpan(context.active(), request),
      );
    const committed = end(insert);
    end(request);
    // The SDK anchors each root span's clock to Date.now(), so spans of different traces can be
    // ~1 ms apart from their true order; real hops are separated by queue time anyway.
    await sleep(5);
    // Trace B: the relay publishes, in a new trace linked to the commit; it carries no order id.
    const published = end(
      relay.getTracer('relay').startSpan('order-events publish', {
        root: true,
        kind: SpanKind.PRODUCER,
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': 'order-events' },
        links: [{ context: committed }],
      }),
    );
    await sleep(5);
    // Trace C: the indexer consumes (JSON exporter), linked to the publish, and fails.
    const consume = indexer.getTracer('indexer').startSpan('order-events process', {
      root: true,
      kind: SpanKind.CONSUMER,
      attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': 'order-events', 'app.order_id': orderId },
      links: [{ context: published }],
    });
    consume.setStatus({ code: SpanStatusCode.ERROR, message: 'mapper_parsing_exception' });
    end(consume);

    await Promise.all([checkout, relay, indexer].map((p) => p.forceFlush()));
    await Promise.all([checkout, relay, indexer].map((p) => p.shutdown()));

    expect(seen.filter((s) => s.status !== 200)).toEqual([]);
    expect(new Set(seen.map((s) => `${s.type} ${s.encoding}`))).toEqual(new Set(['application/x-protobuf gzip', 'application/json gzip']));

    const res = await getOrder(new Request(`http://127.0.0.1/api/orders/${encodeURIComponent(orderId)}`));
    expect(res.status).toBe(200);
    // The real answer, checked against the response schema the route promises.
    const view = orderViewSchema.parse(await res.json());
    expect(view.spans.map((s) => [s.serviceName, s.name, s.lane])).toEqual([
      ['checkout', 'POST /orders', 'checkout'],
      ['checkout', 'INSERT outbox', 'postgres'],
      ['relay', 'order-events publish', 'kafka:order-events'],
      ['indexer', 'order-events process', 'kafka:order-events'],
    ]);
    expect(new Set(view.spans.map((s) => s.traceId)).size).toBe(3);
    expect(view.matchedKeyNames.sort()).toEqual(['app.order_id', 'order_id']);
    expect(view.spans[3]).toMatchObject({ kind: 5, statusCode: 2, statusMessage: 'mapper_parsing_exception' });
    expect(view.spans[2]!.links).toEqual([{ traceId: committed.traceId, spanId: committed.spanId }]);
    expect(view.pipelines[0]?.firstMissing?.words).toMatch(
      /^consumed by search-indexer \d\d:\d\d:\d\d but failed \(mapper_parsing_exception\), never indexed in orders: search document could not be checked/,
    );
    expect(view.timeline.gaps.length).toBeLessThanOrEqual(2);
  });
});
