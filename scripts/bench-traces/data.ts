// Benchmark data: protobuf export requests shaped like a real service's (512 spans per request,
// the BatchSpanProcessor default, a dozen attributes each), and stored orders generated in SQL
// (four spans each, checkout → relay → indexer over three linked traces; ten million spans for the
// benchmark, fewer for the lookup plan test).
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { exportRequest, toProtobuf } from '@/e2e/fixtures/otlp-requests';

export const SPANS_PER_REQUEST = 512;

const hex = (n: number) => randomBytes(n).toString('hex');
const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const num = (key: string, value: number) => ({ key, value: { intValue: String(value) } });

function span(i: number, traceId: string, parent: string | undefined, start: number) {
  const linked = i % 8 === 0;
  return {
    traceId,
    spanId: hex(8),
    ...(parent ? { parentSpanId: parent } : {}),
    name: i % 3 === 0 ? 'INSERT INTO outbox' : 'order-events publish',
    kind: i % 3 === 0 ? 3 : 4,
    startTimeUnixNano: nanos(start),
    endTimeUnixNano: nanos(start + 3 + (i % 17)),
    attributes: [
      str('order_id', `B-${i}`),
      str(i % 3 === 0 ? 'db.system' : 'messaging.system', i % 3 === 0 ? 'postgresql' : 'kafka'),
      str('messaging.destination.name', 'order-events'),
      str('db.statement', 'INSERT INTO outbox (aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3)'),
      str('net.peer.name', 'db.internal'),
      num('net.peer.port', 5432),
      str('thread.name', 'worker-3'),
      num('messaging.kafka.partition', i % 12),
      str('code.function', 'OutboxRelay.publishBatch'),
      str('deployment.environment', 'production'),
    ],
    links: linked ? [{ traceId: hex(16), spanId: hex(8) }] : [],
    status: { code: i % 50 === 0 ? 2 : 0 },
  };
}

/** `count` protobuf bodies of SPANS_PER_REQUEST spans; every span has fresh ids. */
export function protobufBodies(count: number): Uint8Array[] {
  const start = Date.now() - 3_600_000;
  return Array.from({ length: count }, (_, r) => {
    const spans = [];
    for (let i = 0; i < SPANS_PER_REQUEST; i += 4) {
      const traceId = hex(16);
      const root = span(r * SPANS_PER_REQUEST + i, traceId, undefined, start + i);
      spans.push(root, ...[1, 2, 3].map((k) => span(r * SPANS_PER_REQUEST + i + k, traceId, root.spanId, start + i + k)));
    }
    return toProtobuf(exportRequest({ [`svc-${r % 5}`]: spans }));
  });
}

const GENERATE_CHUNK = 250_000;

/** Four spans, three keys and two links per order, in one statement per table; returns the orders' ids. */
export async function generateOrders(db: pg.ClientBase, orders: number, onChunk?: (done: number) => void): Promise<(n: number) => string> {
  // In chunks: one statement for ten million spans holds one snapshot and one huge WAL burst, and
  // says nothing for minutes.
  for (let from = 1; from <= orders; from += GENERATE_CHUNK) {
    await generateChunk(db, from, Math.min(orders, from + GENERATE_CHUNK - 1));
    onChunk?.(Math.min(orders, from + GENERATE_CHUNK - 1));
  }
  await db.query('ANALYZE spans');
  await db.query('ANALYZE span_keys');
  await db.query('ANALYZE span_links');
  return (n) => `O-${n}`;
}

async function generateChunk(db: pg.ClientBase, from: number, to: number): Promise<void> {
  await db.query(
    `
    INSERT INTO spans (trace_id, span_id, parent_span_id, name, kind, service_name, start_time, end_time, stage, attributes, links, linked_trace_ids)
    SELECT v.trace_id, v.span_id, v.parent, v.name, v.kind, v.service, t0 + v.off, t0 + v.off + interval '20 ms', v.stage, v.attrs, v.links, v.linked
      FROM generate_series($1::int, $2::int) AS g,
           LATERAL (SELECT now() - (g * interval '1 second') AS t0, md5('a' || g) AS ta, md5('b' || g) AS tb, md5('c' || g) AS tc,
                           left(md5('sa' || g), 16) AS sa, left(md5('sx' || g), 16) AS sx, left(md5('sb' || g), 16) AS sb, left(md5('sc' || g), 16) AS sc) AS k,
           LATERAL (VALUES
             (k.ta, k.sa, NULL, 'POST /orders', 2::int2, 'checkout', interval '0', 'checkout', jsonb_build_object('order_id', 'O-' || g), '[]'::jsonb, '{}'::text[]),
             (k.ta, k.sx, k.sa, 'INSERT outbox', 3::int2, 'checkout', interval '5 ms', 'postgres', jsonb_build_object('order_id', 'O-' || g, 'db.system', 'postgresql'), '[]'::jsonb, '{}'::text[]),
             (k.tb, k.sb, NULL, 'order-events publish', 4::int2, 'relay', interval '800 ms', 'kafka:order-events', '{"messaging.system": "kafka"}'::jsonb,
              jsonb_build_array(jsonb_build_object('traceId', k.ta, 'spanId', k.sx)), ARRAY[k.ta]),
             (k.tc, k.sc, NULL, 'order-events process', 5::int2, 'indexer', interval '2 s', 'kafka:order-events', jsonb_build_object('app.order_id', 'O-' || g),
              jsonb_build_array(jsonb_build_object('traceId', k.tb, 'spanId', k.sb)), ARRAY[k.tb])
           ) AS v(trace_id, span_id, parent, name, kind, service, off, stage, attrs, links, linked)`,
    [from, to],
  );
  await db.query(
    `INSERT INTO span_keys (key_name, key_value, trace_id, span_id, ts)
     SELECT v.name, 'O-' || g, v.t, v.s, now() - (g * interval '1 second')
       FROM generate_series($1::int, $2::int) AS g,
            LATERAL (VALUES ('order_id', md5('a' || g), left(md5('sa' || g), 16)), ('order_id', md5('a' || g), left(md5('sx' || g), 16)),
                            ('app.order_id', md5('c' || g), left(md5('sc' || g), 16))) AS v(name, t, s)`,
    [from, to],
  );
  // The relay's span links to the checkout trace, the indexer's to the relay's (as the receiver
  // writes them from each span's links).
  await db.query(
    `INSERT INTO span_links (linked_trace_id, trace_id, span_id)
     SELECT v.linked, v.t, v.s
       FROM generate_series($1::int, $2::int) AS g,
            LATERAL (VALUES (md5('a' || g), md5('b' || g), left(md5('sb' || g), 16)),
                            (md5('b' || g), md5('c' || g), left(md5('sc' || g), 16))) AS v(linked, t, s)`,
    [from, to],
  );
}
