// npm run bench:traces — span ingest through the receiver (protobuf bodies of 512 spans, the same
// decode → validate → batched INSERT path as POST /v1/traces) against a raw COPY of the same rows
// into the same three tables, then order lookup latency with ten million spans stored (BENCH_SPANS
// or BENCH_ORDERS to change it) against bare indexed SELECTs in the same run. Runs in a scratch
// database on the test Postgres and drops it at the end.
// A benchmark, not a test: it prints figures for the README.
import { createHash, randomInt } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { parseConfig } from '@/lib/config';
import { decodeProtobuf } from '@/lib/otlp/decode-proto';
import { createIngestQueue } from '@/lib/otlp/ingest';
import { normalize } from '@/lib/otlp/normalize';
import { receiveTraces } from '@/lib/otlp/receive';
import { storeWriter } from '@/lib/otlp/store-writer';
import { stitchOrder } from '@/lib/orders/stitch';
import { migrate } from '@/lib/store/migrate';
import { createScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { copyFrom, COPY_SPANS_COLUMNS, keyLines, linkLines, spanLines } from './bench-traces/copy';
import { generateOrders, protobufBodies, SPANS_PER_REQUEST } from './bench-traces/data';
import { percentile as pct, timeCalls } from './lib/timing';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const ROUNDS = 3;
/** Exporters sending at once (each waits for its answer, as OTLP exporters do). */
const SENDERS = 4;
/** Four spans per order: ten million spans by default. */
const ORDERS = Number(process.env.BENCH_ORDERS ?? Math.ceil(Number(process.env.BENCH_SPANS ?? 10_000_000) / 4));
const LOOKUPS = 1_000;
const KEYS = ['order_id', 'order.id', 'app.order_id', 'event_id', 'messaging.message.id'];

const seconds = (from: number) => (performance.now() - from) / 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function ingestThroughput(pool: pg.Pool, bodies: Uint8Array[]): Promise<number> {
  const traces = parseConfig('traces: { maxBodyBytes: 16777216 }', {}).traces;
  const queue = createIngestQueue({ write: storeWriter(() => pool), maxQueuedSpans: 50_000, maxBatchSpans: 2_048, writers: 3 });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const res = await receiveTraces(
          new Request('http://bench/v1/traces', {
            method: 'POST',
            body: body as BodyInit,
            headers: { 'content-type': 'application/x-protobuf' },
          }),
          { traces, queue },
        );
        if (res.status !== 200) throw new Error(`receiver answered ${res.status}: ${await res.text()}`);
      }
    }),
  );
  return (bodies.length * SPANS_PER_REQUEST) / seconds(started);
}

/** The same rows, pre-encoded (the best case for COPY), into twin tables with the same indexes. */
async function copyThroughput(client: pg.Client, bodies: Uint8Array[]): Promise<number> {
  const rows = bodies.map((b) => normalize(decodeProtobuf(b), KEYS));
  const spans = rows.map((r) => spanLines(r.spans));
  const keys = rows.map((r) => keyLines(r.keys));
  const links = rows.map((r) => linkLines(r.spans)).filter((b) => b.byteLength > 0);
  const started = performance.now();
  const copied = await copyFrom(client, `COPY spans_copy (${COPY_SPANS_COLUMNS}) FROM STDIN`, spans);
  await copyFrom(client, 'COPY span_keys_copy (key_name, key_value, trace_id, span_id, ts) FROM STDIN', keys);
  await copyFrom(client, 'COPY span_links_copy (linked_trace_id, trace_id, span_id) FROM STDIN', links);
  const rate = (bodies.length * SPANS_PER_REQUEST) / seconds(started);
  if (copied !== bodies.length * SPANS_PER_REQUEST)
    throw new Error(`COPY stored ${copied} spans, expected ${bodies.length * SPANS_PER_REQUEST}`);
  return rate;
}

async function main(): Promise<void> {
  const db = await createScratchDatabase('bench_traces');
  const cleanup = () => db.drop().catch((e: unknown) => console.error(`could not drop ${db.name}: ${(e as Error).message}`));
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  const pool = new pg.Pool({ connectionString: db.url, max: 6 });
  const client = new pg.Client({ connectionString: db.url });
  // Dropping the scratch database terminates any connection still open: not a crash.
  pool.on('error', () => undefined);
  client.on('error', () => undefined);
  try {
    await migrate(db.url, path.resolve('prisma/migrations'));
    await client.connect();
    console.log(`scratch database ${db.name}; generating ${REQUESTS} protobuf requests of ${SPANS_PER_REQUEST} spans`);
    await client.query(
      'CREATE TABLE spans_copy (LIKE spans INCLUDING ALL); CREATE TABLE span_keys_copy (LIKE span_keys INCLUDING ALL); CREATE TABLE span_links_copy (LIKE span_links INCLUDING ALL)',
    );
    // Warm-up (JIT, protobuf codegen, connections), then rounds that alternate the two loads on
    // tables growing alike, so that a busy machine slows both rather than one.
    await ingestThroughput(pool, protobufBodies(10));
    await copyThroughput(client, protobufBodies(10));
    const rounds: { ingest: number; copy: number }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const bodies = protobufBodies(REQUESTS);
      rounds.push({ ingest: await ingestThroughput(pool, bodies), copy: await copyThroughput(client, bodies) });
      console.log(`round ${r + 1}: receiver ${fmt(rounds[r]!.ingest)} spans/s, COPY ${fmt(rounds[r]!.copy)} spans/s`);
    }
    await client.query('DROP TABLE spans_copy; DROP TABLE span_keys_copy; DROP TABLE span_links_copy');
    const median = (f: (x: (typeof rounds)[number]) => number) => rounds.map(f).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
    const [ingest, copy, ratio] = [median((x) => x.ingest), median((x) => x.copy), median((x) => x.ingest / x.copy)];
    const kib = protobufBodies(1)[0]!.byteLength / 1024;

    const started = performance.now();
    const orderId = await generateOrders(client, ORDERS, (done) =>
      console.log(`generated ${fmt(done)} of ${fmt(ORDERS)} orders (${seconds(started).toFixed(0)} s)`),
    );
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM spans');
    const stored = Number(rows[0]!.n);
    console.log(`stored ${fmt(stored)} spans (${fmt(ORDERS)} generated orders) in ${seconds(started).toFixed(1)} s`);
    const picked = Array.from({ length: LOOKUPS }, () => randomInt(1, ORDERS + 1));
    const ids = picked.map(orderId);
    // The order's three traces, as the generator named them: what one statement could fetch if
    // the trace ids were already known.
    const md5 = (text: string) => createHash('md5').update(text).digest('hex');
    const traceIdsOf = picked.map((n) => ['a', 'b', 'c'].map((p) => md5(`${p}${n}`)));
    // Warm the cache with the very orders measured, so that the lookup and the bare SELECTs after
    // it read the same pages from memory rather than the first one paying for the disk.
    await timeCalls(LOOKUPS, (i) => stitchOrder(ids[i]!, KEYS, pool));
    const lookup = await timeCalls(LOOKUPS, async (i) => {
      const s = await stitchOrder(ids[i]!, KEYS, pool);
      if (s.spans.length !== 4) throw new Error(`order ${ids[i]} stitched ${s.spans.length} spans, expected 4`);
    });
    // Named (prepared) like the lookup's own statements, so that the ratio compares reads, not
    // one side's planning against the other's.
    const bare = await timeCalls(LOOKUPS, (i) =>
      pool.query({ name: 'bench_bare_keys', text: 'SELECT trace_id, span_id FROM span_keys WHERE key_value = $1', values: [ids[i]] }),
    );
    const bareSpans = await timeCalls(LOOKUPS, async (i) => {
      const { rowCount } = await pool.query({
        name: 'bench_bare_spans',
        text: 'SELECT * FROM spans WHERE trace_id = ANY($1::bpchar[])',
        values: [traceIdsOf[i]],
      });
      if (rowCount !== 4) throw new Error(`order ${ids[i]}: ${rowCount} spans by trace id, expected 4`);
    });

    console.log(`\n| measurement | result |\n|---|---|`);
    console.log(
      `| span ingest via the receiver (protobuf, ${SPANS_PER_REQUEST} spans ≈ ${kib.toFixed(0)} KiB per request, ${SENDERS} senders), median of ${ROUNDS} | ${fmt(ingest)} spans/s |`,
    );
    console.log(`| raw COPY of the same rows (pre-encoded, same indexes), median of ${ROUNDS} | ${fmt(copy)} spans/s |`);
    console.log(`| receiver / COPY, median of the rounds' ratios | ${(ratio * 100).toFixed(0)} % (goal ≥ 60 %) |`);
    console.log(`| spans stored for the lookups | ${fmt(stored)} |`);
    console.log(
      `| order lookup (key → 3 linked traces, 4 spans) p50 / p99 | ${pct(lookup, 50).toFixed(2)} ms / ${pct(lookup, 99).toFixed(2)} ms (goal p99 ≤ 20 ms) |`,
    );
    console.log(`| bare indexed SELECT on span_keys p50 / p99 | ${pct(bare, 50).toFixed(2)} ms / ${pct(bare, 99).toFixed(2)} ms |`);
    console.log(
      `| bare indexed SELECT of the order's 4 spans by its 3 known trace ids p50 / p99 | ${pct(bareSpans, 50).toFixed(2)} ms / ${pct(bareSpans, 99).toFixed(2)} ms |`,
    );
    const ratioTo = (base: number[]) =>
      `${(pct(lookup, 50) / pct(base, 50)).toFixed(1)}× / ${(pct(lookup, 99) / pct(base, 99)).toFixed(1)}×`;
    console.log(`| lookup ÷ bare SELECT on span_keys, p50 / p99 | ${ratioTo(bare)} |`);
    console.log(`| lookup ÷ bare SELECT of the same spans, p50 / p99 | ${ratioTo(bareSpans)} (goal p99 ≤ 3×) |`);
  } finally {
    await client.end().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await cleanup();
  }
}

await main();
