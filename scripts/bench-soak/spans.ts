// Spans arriving: every lag step a service exports one OTLP/HTTP request (protobuf, four spans per
// order with its order_id) with start times on the simulated clock, through the receiver's own
// path (receiveTraces → ingest queue → store writer), so span retention has something to delete.
// While the store is down the receiver answers 503; like an OTLP exporter, the bench keeps the
// refused request (a few, bounded) and sends it again later.
import { exportRequest, jsonSpan, newSpanId, newTraceId, toProtobuf } from '@/e2e/fixtures/otlp-requests';
import type { TracesConfig } from '@/lib/config';
import { createIngestQueue } from '@/lib/otlp/ingest';
import { receiveTraces } from '@/lib/otlp/receive';
import { storeWriter } from '@/lib/otlp/store-writer';

/** Refused requests an exporter keeps for a retry (the OTel SDK's queue is bounded too). */
const MAX_KEPT = 20;

export interface SpanExporter {
  /** Exports `orders` orders' spans started at `t`, after retrying what was refused before. */
  export(t: number, orders: number): Promise<void>;
  readonly totals: { accepted: number; refused: number; retried: number; lost: number };
}

function orderSpans(t: number, orders: number, seq: number): Uint8Array {
  const spans: Record<string, unknown>[] = [];
  for (let o = 0; o < orders; o++) {
    const traceId = newTraceId();
    const root = newSpanId();
    const orderId = `SOAK-${seq}-${o}`;
    const startMs = t + o * 50;
    spans.push(jsonSpan({ traceId, spanId: root, name: 'POST /orders', kind: 2, startMs, attributes: { order_id: orderId } }));
    for (const [k, name] of ['INSERT outbox', 'order-events publish', 'order-events process'].entries()) {
      spans.push(
        jsonSpan({ traceId, parentSpanId: root, name, kind: 3 + k, startMs: startMs + 5 + k * 400, attributes: { order_id: orderId } }),
      );
    }
  }
  return toProtobuf(exportRequest({ checkout: spans }));
}

export function createSpanExporter(traces: TracesConfig): SpanExporter {
  const queue = createIngestQueue({ write: storeWriter(), maxQueuedSpans: 50_000, maxBatchSpans: 2_048, writers: 2 });
  const kept: { body: Uint8Array; spans: number }[] = [];
  const totals = { accepted: 0, refused: 0, retried: 0, lost: 0 };
  let seq = 0;
  const send = async (body: Uint8Array) => {
    const request = new Request('http://127.0.0.1/v1/traces', {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: new Uint8Array(body),
    });
    const response = await receiveTraces(request, { traces, queue });
    await response.arrayBuffer();
    return response.status;
  };
  return {
    totals,
    async export(t, orders) {
      while (kept.length > 0) {
        const next = kept[0]!;
        if ((await send(next.body)) !== 200) break;
        kept.shift();
        totals.retried += 1;
        totals.accepted += next.spans;
      }
      if (orders === 0) return;
      const body = orderSpans(t, orders, seq++);
      const status = await send(body);
      if (status === 200) {
        totals.accepted += orders * 4;
        return;
      }
      totals.refused += 1;
      kept.push({ body, spans: orders * 4 });
      if (kept.length > MAX_KEPT) totals.lost += kept.shift()!.spans;
    },
  };
}
