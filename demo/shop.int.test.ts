// The demo shop against the real servers: orders flow from checkout through the outbox, Kafka and
// both consumers into OpenSearch and the warehouse, spans reach an OTLP receiver, and the fault
// switches do what they promise and undo it. Topics, groups and indexes are uniquely named and a
// scratch database holds the shop's tables, so the shared servers are left as they were found.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dlqContextOf } from '@/lib/dlq/headers';
import { createSearchClient, type SearchClient } from '@/lib/search/client';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { kafkaStatus, startKafka, stopKafka } from '@/scripts/kafka';
import { openSearchStatus, startOpenSearch, stopOpenSearch } from '@/scripts/opensearch';
import type { ShopConfig, ShopNames } from './config';
import { DLT } from './dlq';
import type { FaultName } from '@/lib/fault-switches/catalogue';
import { recordFault } from '@/lib/fault-switches/switches';
import { startShop, type RunningShop } from './shop';

const RATE = 5; // orders per second: enough to see backlogs and lag grow within seconds

/** Polls until `probe` returns a value (not undefined/false), or fails saying what it waited for. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

interface Export {
  contentType: string;
  body: Buffer;
}

/** Stands in for Truthflow's /v1/traces: records what arrives, answers an empty (valid) response. */
async function startReceiver(): Promise<{ url: string; exports: Export[]; close(): Promise<void> }> {
  const exports: Export[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      exports.push({ contentType: req.headers['content-type'] ?? '', body });
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, exports, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('demo shop', () => {
  const id = randomUUID().slice(0, 8);
  const names: ShopNames = {
    orderTopic: `tf-demo-${id}-order-events`,
    catalogTopic: `tf-demo-${id}-catalog-events`,
    dlqTopic: `tf-demo-${id}-order-events.dlq`,
    indexerGroup: `tf-demo-${id}-search-indexer`,
    analyticsGroup: `tf-demo-${id}-analytics-loader`,
    orderIndex: `tf-demo-${id}-orders`,
    catalogIndex: `tf-demo-${id}-catalog`,
  };
  const stopServers: (() => Promise<unknown>)[] = [];
  let db: ScratchDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let shop: RunningShop;
  let search: SearchClient;
  let admin: Admin;
  let dlqReader: Consumer;
  const deadLetters: KafkaMessage[] = [];

  beforeAll(async () => {
    // Start only what is not running, and stop afterwards only that.
    const [kafkaWasUp, searchWasUp] = await Promise.all([kafkaStatus(), openSearchStatus()]);
    const [broker, node] = await Promise.all([startKafka(), startOpenSearch()]);
    if (!kafkaWasUp) stopServers.push(() => stopKafka());
    if (!searchWasUp) stopServers.push(() => stopOpenSearch());
    [db, receiver] = await Promise.all([createScratchDatabase('demo_shop'), startReceiver()]);

    const config: ShopConfig = {
      shopDatabaseUrl: db.url,
      kafkaBrokers: [broker.bootstrap],
      openSearchUrl: node.url,
      truthflowUrl: receiver.url,
      orderRate: RATE,
      names,
    };
    shop = await startShop(config);
    search = createSearchClient({ url: node.url });
    const kafka = new Kafka({ brokers: [broker.bootstrap], clientId: 'tf-demo-int', logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    dlqReader = kafka.consumer({ groupId: `tf-demo-${id}-dlq-reader`, maxWaitTimeInMs: 250 });
    await dlqReader.connect();
    await dlqReader.subscribe({ topics: [names.dlqTopic], fromBeginning: true });
    await dlqReader.run({ eachMessage: async ({ message }) => void deadLetters.push(message) });
  });

  afterAll(async () => {
    await shop?.stop();
    await dlqReader?.disconnect();
    const topics = [names.orderTopic, names.catalogTopic, names.dlqTopic];
    await admin?.deleteTopics({ topics }).catch(() => undefined);
    const groups = [names.indexerGroup, names.analyticsGroup, `tf-demo-${id}-dlq-reader`];
    await admin?.deleteGroups(groups).catch(() => undefined);
    await admin?.disconnect();
    for (const index of [names.orderIndex, names.catalogIndex]) await search?.deleteIndex(index).catch(() => undefined);
    await receiver?.close();
    await db?.drop();
    for (const stop of stopServers) await stop();
  });

  const flip = async (name: FaultName, on: boolean) => {
    await recordFault(shop.db, name, on);
    await shop.faults.refresh(); // rather than wait up to a second for the services' next read
  };
  const count = async (sql: string, params: unknown[] = []) => Number((await shop.db.query<{ n: string }>(sql, params)).rows[0]!.n);
  const indexed = async (orderId: string) => (await search.getDocument(names.orderIndex, orderId).catch(() => ({ found: false }))).found;
  const groupLag = async (group: string) => {
    const ends = await admin.fetchTopicOffsets(names.orderTopic);
    const [committed] = await admin.fetchOffsets({ groupId: group, topics: [names.orderTopic] });
    const lag = ends.map((end) => {
      const c = Number(committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
      return Number(end.high) - (c < 0 ? Number(end.low) : c);
    });
    return { lag: lag.reduce((a, b) => a + b, 0), committed: committed?.partitions.map((p) => p.offset).join(',') };
  };

  it('carries orders end to end: outbox, Kafka, search, warehouse, and spans to Truthflow', async () => {
    const first = await shop.checkout.placeOrder();
    await waitFor('ten orders', async () => shop.checkout.placed() >= 10);
    const { rows } = await shop.db.query<{ id: string }>('SELECT id FROM orders ORDER BY created_at LIMIT 10');
    const orderIds = rows.map((r) => r.id);

    await waitFor(
      'the outbox rows sent',
      async () => (await count('SELECT count(*) AS n FROM outbox WHERE aggregate_id = ANY($1) AND sent_at IS NULL', [orderIds])) === 0,
    );
    await waitFor('the orders in search', async () => (await Promise.all(orderIds.map(indexed))).every(Boolean));
    const doc = await search.getDocument(names.orderIndex, first);
    expect(doc.found && doc.source).toMatchObject({ order_id: first, schema_version: 1 });
    await waitFor(
      'the orders in the warehouse',
      async () => (await count('SELECT count(*) AS n FROM analytics_orders WHERE order_id = ANY($1)', [orderIds])) === 10,
    );
    const watermark = await shop.db.query<{ newest_event_at: Date; events_loaded: string }>(
      'SELECT newest_event_at, events_loaded FROM analytics_watermark WHERE consumer_group = $1',
      [names.analyticsGroup],
    );
    const newestOrder = await shop.db.query<{ t: Date }>('SELECT max(created_at) AS t FROM orders WHERE id = ANY($1)', [orderIds]);
    expect(watermark.rows[0]!.newest_event_at.getTime()).toBeGreaterThanOrEqual(newestOrder.rows[0]!.t.getTime());
    expect(Number(watermark.rows[0]!.events_loaded)).toBeGreaterThanOrEqual(10);
    // The catalog travels the second topic into its own index.
    await waitFor(
      'the catalog in search',
      async () => (await search.getDocument(names.catalogIndex, 'espresso-monthly').catch(() => ({ found: false }))).found,
    );

    // Spans: OTLP/HTTP protobuf, each service under its own name, the order id on them.
    await shop.telemetry.flush();
    await waitFor('spans of every service naming the first order', async () => {
      const all = Buffer.concat(receiver.exports.map((e) => e.body)).toString('latin1');
      return (
        ['shop-checkout', 'shop-outbox-relay', 'shop-search-indexer', 'shop-analytics-loader'].every((s) => all.includes(s)) &&
        all.includes(first)
      );
    });
    expect(receiver.exports.every((e) => e.contentType === 'application/x-protobuf' && e.body.length > 0)).toBe(true);
  });

  it('relay stopped: the outbox backlog grows, and drains once the relay runs again', async () => {
    await flip('relay-stopped', true);
    const before = await count('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
    await sleep(3_000);
    const during = await count('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
    expect(during).toBeGreaterThanOrEqual(before + 2 * RATE);
    expect(
      await count("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND created_at < now() - interval '2 seconds'"),
    ).toBeGreaterThan(0);

    await flip('relay-stopped', false);
    await waitFor(
      'the backlog drained',
      async () =>
        (await count("SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL AND created_at < now() - interval '1 second'")) === 0,
      20_000,
    );
  });

  it('poison message: dead-lettered with Spring headers, in the order trace; healthy again when off', async () => {
    await flip('poison-message', true);
    const orderId = await shop.checkout.placeOrder();
    // On until the indexer has dead-lettered it: once off, the indexer reads v2 too (order-event-v2.ts).
    const letter = await waitFor('the dead letter', async () => deadLetters.find((m) => m.key?.toString() === orderId));
    await flip('poison-message', false);

    const ctx = dlqContextOf(letter.headers);
    expect(ctx.errorClass).toBe('EventParseError');
    expect(ctx.errorMessage).toMatch(/order event/);
    expect(ctx.original).toMatchObject({ topic: names.orderTopic });
    expect(letter.headers?.[DLT.group]?.toString()).toBe(names.indexerGroup);
    expect(JSON.parse(letter.value!.toString())).toMatchObject({ schema_version: 2, orderId });
    // One trace from checkout to the dead letter: the outbox row and the DLQ header share its id.
    const { rows } = await shop.db.query<{ traceparent: string }>('SELECT traceparent FROM outbox WHERE aggregate_id = $1', [orderId]);
    expect(letter.headers?.traceparent?.toString().split('-')[1]).toBe(rows[0]!.traceparent.split('-')[1]);
    expect(await indexed(orderId)).toBe(false);

    const healthy = await shop.checkout.placeOrder();
    await waitFor('an order placed after the switch is off in search', () => indexed(healthy));
  });

  it('mapping conflict: OpenSearch rejects the document (400) and it is dead-lettered with that class', async () => {
    await flip('mapping-conflict', true);
    const orderId = await shop.checkout.placeOrder();
    const letter = await waitFor('the dead letter', async () => deadLetters.find((m) => m.key?.toString() === orderId));
    await flip('mapping-conflict', false);
    expect(dlqContextOf(letter.headers)).toMatchObject({ errorClass: 'mapper_parsing_exception', original: { topic: names.orderTopic } });
    expect(await indexed(orderId)).toBe(false);

    const healthy = await shop.checkout.placeOrder();
    await waitFor('an order placed after the switch is off in search', () => indexed(healthy));
  });

  it('indexer paused: the group lag grows with no commits, and catches up when resumed', async () => {
    await flip('indexer-paused', true);
    await sleep(1_500); // the indexer applies the pause at its next second, and finishes its batch
    const before = await groupLag(names.indexerGroup);
    await sleep(4_000);
    const during = await groupLag(names.indexerGroup);
    expect(during.lag).toBeGreaterThanOrEqual(before.lag + 2 * RATE);
    expect(during.committed).toBe(before.committed);
    // The other group is not affected.
    expect((await groupLag(names.analyticsGroup)).lag).toBeLessThan(during.lag);

    await flip('indexer-paused', false);
    await waitFor('the indexer caught up', async () => (await groupLag(names.indexerGroup)).lag <= 2 * RATE, 20_000);
  });

  it('indexer slowed: the indexer keeps committing but falls behind; order rate ×10 multiplies checkout', async () => {
    await recordFault(shop.db, 'indexer-slowed', true, 400); // 2.5 messages/s against 5 orders/s
    await shop.faults.refresh();
    await sleep(1_500);
    const before = await groupLag(names.indexerGroup);
    await sleep(4_000);
    const during = await groupLag(names.indexerGroup);
    expect(during.lag).toBeGreaterThanOrEqual(before.lag + 5);
    expect(during.committed).not.toBe(before.committed); // slow, not stopped
    await flip('indexer-slowed', false);

    const placed = shop.checkout.placed();
    await flip('order-rate-x10', true);
    await sleep(2_000);
    await flip('order-rate-x10', false);
    expect(shop.checkout.placed() - placed).toBeGreaterThanOrEqual(3 * 2 * RATE);
    await waitFor('the indexer caught up', async () => (await groupLag(names.indexerGroup)).lag <= 2 * RATE, 30_000);
  });
});
