// The order lookup against a real store: stitching by key and by span links in both directions,
// the bounds, the point-query plan, and the live outbox check on a real (scratch) shop database.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getOrder } from '@/app/api/orders/[orderId]/route';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { decodeJson } from '@/lib/otlp/decode-json';
import { normalize } from '@/lib/otlp/normalize';
import { storeWriter } from '@/lib/otlp/store-writer';
import { exportRequest, jsonSpan, newSpanId, newTraceId } from '@/e2e/fixtures/otlp-requests';
import { receiverEnv, type ReceiverEnv } from '@/e2e/fixtures/otlp-receiver-env';
import { storePool } from '@/lib/store/pool';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { closeCheckClients } from './checks/clients';
import { limitsHitWords } from './limits';
import { stitchOrder, STITCH_LIMITS } from './stitch';
import { loadOrderView } from './view';

const KEYS = ['order_id', 'app.order_id'];
let env: ReceiverEnv;
let shop: ScratchDatabase;
let config: TruthflowConfig;

async function ingest(byService: Record<string, Record<string, unknown>[]>) {
  const n = normalize(decodeJson(new TextEncoder().encode(JSON.stringify(exportRequest(byService)))), KEYS);
  await storeWriter()({ spans: n.spans, keys: n.keys });
}

/** Three traces A ← B ← C (each links to the one before), like commit → relay → indexer. */
async function chain(keyOn: 'A' | 'C', orderId: string, start = Date.now() - 60_000) {
  const ids = { A: [newTraceId(), newSpanId()], B: [newTraceId(), newSpanId()], C: [newTraceId(), newSpanId()] } as const;
  const attrs = (t: 'A' | 'B' | 'C'): Record<string, string> => (t === keyOn ? { order_id: orderId } : {});
  await ingest({
    checkout: [
      jsonSpan({
        traceId: ids.A[0],
        spanId: ids.A[1],
        startMs: start,
        attributes: { ...attrs('A'), 'db.system': 'postgresql', 'db.collection.name': 'outbox' },
      }),
    ],
    relay: [
      jsonSpan({
        traceId: ids.B[0],
        spanId: ids.B[1],
        startMs: start + 1000,
        kind: 4,
        links: [{ traceId: ids.A[0], spanId: ids.A[1] }],
        attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': 'order-events' },
      }),
    ],
    indexer: [
      jsonSpan({
        traceId: ids.C[0],
        spanId: ids.C[1],
        startMs: start + 4000,
        kind: 5,
        links: [{ traceId: ids.B[0], spanId: ids.B[1] }],
        attributes: { ...attrs('C'), 'messaging.system': 'kafka', 'messaging.destination.name': 'order-events' },
      }),
    ],
  });
  return ids;
}

beforeAll(async () => {
  env = await receiverEnv('orders_lookup');
  shop = await createScratchDatabase('orders_shop');
  const admin = new pg.Client({ connectionString: shop.url });
  await admin.connect();
  await admin.query(
    `CREATE TABLE outbox (id bigserial PRIMARY KEY, aggregate_type text, aggregate_id text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), sent_at timestamptz)`,
  );
  await admin.query(
    `INSERT INTO outbox (aggregate_type, aggregate_id, created_at, sent_at) VALUES ('order', 'O-UNSENT', now() - interval '90 seconds', NULL), ('order', 'O-SENT', now() - interval '1 hour', now() - interval '59 minutes')`,
  );
  await admin.end();
  config = parseConfig(readFileSync('e2e/fixtures/config/receiver.yaml', 'utf8'), {
    TF_TEST_SHOP_URL: shop.url,
    TF_TEST_TRACES_TOKEN: 'x'.repeat(20),
  });
});
afterAll(async () => {
  await closeCheckClients();
  await env?.close();
  await shop?.drop();
});

describe('stitching an order across traces', () => {
  it('follows outgoing links from the trace carrying the key', async () => {
    const ids = await chain('C', 'S-OUT');
    const s = await stitchOrder('S-OUT', KEYS);
    expect(new Set(s.traceIds)).toEqual(new Set([ids.A[0], ids.B[0], ids.C[0]]));
    expect(s.spans.map((x) => x.serviceName)).toEqual(['checkout', 'relay', 'indexer']);
    expect(s.truncated).toBe(false);
  });

  it('follows incoming links (traces that link to the one carrying the key)', async () => {
    const ids = await chain('A', 'S-IN');
    await chain('A', 'S-OTHER'); // unrelated order: never mixed in
    const s = await stitchOrder('S-IN', KEYS);
    expect(new Set(s.traceIds)).toEqual(new Set([ids.A[0], ids.B[0], ids.C[0]]));
  });

  it('stops at the link depth and the span limit, and says it was cut', async () => {
    // A chain of 6 traces, each linking to the previous; only the first carries the key.
    let prev: [string, string] | undefined;
    for (let i = 0; i < 6; i++) {
      const id: [string, string] = [newTraceId(), newSpanId()];
      await ingest({
        svc: [
          jsonSpan({
            traceId: id[0],
            spanId: id[1],
            attributes: i === 0 ? { order_id: 'S-DEEP' } : {},
            links: prev ? [{ traceId: prev[0], spanId: prev[1] }] : [],
          }),
        ],
      });
      prev = id;
    }
    expect((await stitchOrder('S-DEEP', KEYS)).traceIds).toHaveLength(1 + STITCH_LIMITS.linkDepth);
    const cut = await stitchOrder('S-DEEP', KEYS, undefined, { ...STITCH_LIMITS, spans: 2 });
    expect(cut.spans).toHaveLength(2);
    expect(cut.truncated).toBe(true);
    expect(cut.limitsHit).toEqual(['spans']);
  });

  it('names the trace and link caps it hit, and the order page words them', async () => {
    // One keyed trace, five consumer traces linking to it.
    const [trace, span] = [newTraceId(), newSpanId()];
    await ingest({
      checkout: [jsonSpan({ traceId: trace, spanId: span, attributes: { order_id: 'S-FAN' } })],
      consumer: Array.from({ length: 5 }, () => jsonSpan({ kind: 5, links: [{ traceId: trace, spanId: span }] })),
    });
    const whole = await stitchOrder('S-FAN', KEYS);
    expect(whole.traceIds).toHaveLength(6);
    expect(whole.limitsHit).toEqual([]);
    const fewLinks = await stitchOrder('S-FAN', KEYS, undefined, { ...STITCH_LIMITS, linksPerTrace: 2 });
    expect(fewLinks.traceIds).toHaveLength(3);
    expect(fewLinks.limitsHit).toEqual(['linksPerTrace']);
    const fewTraces = await stitchOrder('S-FAN', KEYS, undefined, { ...STITCH_LIMITS, traces: 4 });
    expect(fewTraces.traceIds).toHaveLength(4);
    expect(fewTraces).toMatchObject({ truncated: true, limitsHit: ['traces'] });
    expect(limitsHitWords(['linksPerTrace', 'traces'])).toBe('200 traces, 50 links into one trace');
  });

  it('finds the key with an index scan on span_keys, and treats pasted SQL as a plain value', async () => {
    await ingest({ bulk: Array.from({ length: 2000 }, (_, i) => jsonSpan({ attributes: { order_id: `BULK-${i}` } })) });
    await env.sql.query('ANALYZE span_keys');
    const { rows } = await env.sql.query(
      `EXPLAIN SELECT key_name, trace_id, span_id FROM span_keys WHERE key_value = $1 AND key_name = ANY($2::text[]) LIMIT 10`,
      ['BULK-7', KEYS],
    );
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index (Only )?Scan using span_keys_pkey/);
    for (const evil of ["' OR 1=1 --", '%', "'; DROP TABLE spans; --", '<img src=x onerror=alert(1)>']) {
      expect((await stitchOrder(evil, KEYS)).spans).toEqual([]);
    }
    expect(await env.count('spans')).toBeGreaterThan(2000);
  });
});

describe('order view with live checks', () => {
  it('flags a commit never published, with the real outbox row still unsent', async () => {
    await ingest({
      checkout: [
        jsonSpan({
          attributes: { order_id: 'O-UNSENT', 'db.system': 'postgresql', 'db.query.text': 'INSERT INTO outbox (aggregate_id) VALUES ($1)' },
        }),
      ],
    });
    const view = await loadOrderView('O-UNSENT', { config, db: storePool() });
    const outbox = view.checks.find((c) => c.kind === 'outbox');
    expect(outbox).toMatchObject({
      status: 'found',
      summary: expect.stringMatching(/^1 of 1 outbox row still unsent, oldest waiting \d+ min \d+ s\.$/),
    });
    expect(view.pipelines[0]?.firstMissing?.words).toMatch(
      /^committed in Postgres \d\d:\d\d:\d\d, never published: outbox row still unsent, oldest waiting \d+ min \d+ s$/,
    );
    // Sources that are down say so, each on its own.
    expect(view.checks.filter((c) => c.kind !== 'outbox').map((c) => [c.kind, c.status, c.summary.slice(0, 15)])).toEqual([
      ['dlq', 'unknown', 'could not check'],
      ['search', 'unknown', 'could not check'],
    ]);
  });

  it('finds an order by its outbox row alone, and reports a sent row and an absent one', async () => {
    const sent = await loadOrderView('O-SENT', { config, db: storePool() });
    expect(sent.found).toBe(true);
    expect(sent.spans).toEqual([]);
    expect(sent.checks.find((c) => c.kind === 'outbox')?.summary).toMatch(/^1 outbox row, all sent \(last at \d\d:\d\d:\d\d\)\.$/);
    const none = await loadOrderView("nope'; --", { config, db: storePool() });
    expect(none.found).toBe(false);
    expect(none.checks.find((c) => c.kind === 'outbox')).toMatchObject({ status: 'absent' });
  });

  it('answers the API with 404 and a helpful message for an unknown order', async () => {
    const id = '<b>nobody</b>';
    const res = await getOrder(new Request(`http://x/api/orders/${encodeURIComponent(id)}`));
    expect(res.status).toBe(404);
    const body = await res.json();
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain(
      `No span carries "${id}" in any indexed attribute (order_id, order.id, app.order_id, event_id, messaging.message.id)`,
    );
    const empty = await getOrder(new Request('http://x/api/orders/%20%20'));
    expect(empty.status).toBe(400);
  });
});
