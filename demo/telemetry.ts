// Tracing for the shop, instrumented the way we ask users to instrument theirs: spans carry the
// business keys (order_id, event_id) and the semantic-convention attributes Truthflow derives lanes
// from, and W3C trace context travels through the outbox row and the Kafka headers.
//
// One tracer provider per service rather than one NodeSDK per process: the whole shop runs in one
// process, yet each service must report its own service.name. No provider is registered globally
// and no context manager is used: parents are passed explicitly, which is what an async hop through
// a table or a topic needs anyway, and nothing leaks into other code sharing the process.
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

export { SpanKind };

export const SHOP_SERVICES = ['checkout', 'catalog', 'outbox-relay', 'search-indexer', 'analytics-loader'] as const;
export type ShopService = (typeof SHOP_SERVICES)[number];

/** The attribute names Truthflow indexes spans by (truthflow.yaml traces.businessKeys). */
export const ORDER_ID = 'order_id';
export const EVENT_ID = 'event_id';

export interface ShopTelemetry {
  tracer(service: ShopService): Tracer;
  /** Sends what is buffered now (tests; shutdown does it too). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface ShopTelemetryOptions {
  /** Truthflow's base URL; spans go to `${truthflowUrl}/v1/traces` as OTLP/HTTP protobuf. */
  truthflowUrl: string;
  /** How long spans wait in the batch before export; short so a pasted order id finds them soon. */
  exportDelayMs?: number;
}

export function startShopTelemetry(opts: ShopTelemetryOptions): ShopTelemetry {
  const url = `${opts.truthflowUrl.replace(/\/+$/, '')}/v1/traces`;
  const providers = new Map<ShopService, BasicTracerProvider>();
  for (const service of SHOP_SERVICES) {
    const exporter = new OTLPTraceExporter({ url, timeoutMillis: 5_000 });
    const processor = new BatchSpanProcessor(exporter, {
      scheduledDelayMillis: opts.exportDelayMs ?? 1_000,
      maxExportBatchSize: 512,
      // Bounded: while Truthflow is down the oldest spans are dropped, the shop keeps running.
      maxQueueSize: 8_192,
    });
    const resource = resourceFromAttributes({ 'service.name': `shop-${service}`, 'service.namespace': 'truthflow-demo' });
    providers.set(service, new BasicTracerProvider({ resource, spanProcessors: [processor] }));
  }
  const all = () => [...providers.values()];
  return {
    tracer: (service) => providers.get(service)!.getTracer('truthflow-demo-shop'),
    flush: async () => void (await Promise.all(all().map((p) => p.forceFlush()))),
    shutdown: async () => void (await Promise.allSettled(all().map((p) => p.shutdown()))),
  };
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent: a context holding a (possibly remote) span; a new trace when absent. */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `fn` in a new span and ends it; a thrown error marks the span failed and is rethrown. `fn`
 * gets the span and the context to parent child spans on.
 */
export async function inSpan<T>(tracer: Tracer, name: string, opts: SpanOptions, fn: (span: Span, ctx: Context) => Promise<T>): Promise<T> {
  const parent = opts.parent ?? ROOT_CONTEXT;
  const span = tracer.startSpan(name, { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes, links: opts.links }, parent);
  try {
    const result = await fn(span, trace.setSpan(parent, span));
    return result;
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

export function failSpan(span: Span, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}

// W3C Trace Context, version 00: `00-<32 hex trace id>-<16 hex span id>-<2 hex flags>`.
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/** The traceparent of the span in `ctx`, for an outbox column or a Kafka header. */
export function traceparentOf(ctx: Context): string | undefined {
  const sc = trace.getSpanContext(ctx);
  if (!sc || !trace.isSpanContextValid(sc)) return undefined;
  return `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}

export function traceparentOfSpan(span: Span): string | undefined {
  return traceparentOf(trace.setSpan(ROOT_CONTEXT, span));
}

/**
 * A context whose (remote) span is the one a traceparent names, to parent the next hop's span on.
 * Malformed or all-zero values give the root context: a broken header starts a new trace rather
 * than failing the message.
 */
export function contextFromTraceparent(value: string | Buffer | null | undefined): Context {
  const text = (Buffer.isBuffer(value) ? value.toString('latin1') : value)?.trim().toLowerCase();
  const match = text ? TRACEPARENT.exec(text) : null;
  if (!match || match[1] === ZERO_TRACE || match[2] === ZERO_SPAN) return ROOT_CONTEXT;
  return trace.setSpanContext(ROOT_CONTEXT, { traceId: match[1]!, spanId: match[2]!, traceFlags: parseInt(match[3]!, 16), isRemote: true });
}
