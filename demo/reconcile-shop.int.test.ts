// The demo shop as a reconciliation sees it, against the real servers: the indexer's documents
// hash exactly as the orders table does (a healthy shop reconciles clean), indexer-drops leaves
// keys missing until it is switched off, and delete-skips-outbox leaves extra keys in the index.
// Uniquely named topics, groups and index, and a scratch database, as in shop.int.test.ts.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultName } from '@/lib/fault-switches/catalogue';
import { recordFault } from '@/lib/fault-switches/switches';
import { postgresSide } from '@/lib/reconcile/postgres-side';
import { reconcile, type ReconcileOutcome } from '@/lib/reconcile/run';
import { searchSide } from '@/lib/reconcile/search-side';
import { createSearchClient } from '@/lib/search/client';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { startKafka } from '@/scripts/kafka';
import { startOpenSearch } from '@/scripts/opensearch';
import type { ShopNames } from './config';
import { startShop, type RunningShop } from './shop';

const SETTLE_MS = 3_000;

describe('demo shop under reconciliation', () => {
  const id = randomUUID().slice(0, 8);
  const names: ShopNames = {
    orderTopic: `tf-rec-${id}-order-events`,
    catalogTopic: `tf-rec-${id}-catalog-events`,
    dlqTopic: `tf-rec-${id}-order-events.dlq`,
    indexerGroup: `tf-rec-${id}-search-indexer`,
    analyticsGroup: `tf-rec-${id}-analytics-loader`,
    orderIndex: `tf-rec-${id}-orders`,
    catalogIndex: `tf-rec-${id}-catalog`,
  };
  let db: ScratchDatabase;
  let shop: RunningShop;
  let pool: pg.Pool;
  let brokers: string[];
  let searchUrl: string;
  const pendingExtras = new Map<string, number>();

  beforeAll(async () => {
    // Both servers run already in the test pass (scripts/test.ts); start is a no-op then.
    const [broker, node] = await Promise.all([startKafka(), startOpenSearch()]);
    brokers = [broker.bootstrap];
    searchUrl = node.url;
    db = await createScratchDatabase('demo_rec');
    shop = await startShop({
      shopDatabaseUrl: db.url,
      kafkaBrokers: brokers,
      openSearchUrl: node.url,
      truthflowUrl: 'http://127.0.0.1:9',
      orderRate: 10,
      names,
    });
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
  }, 120_000);

  afterAll(async () => {
    await shop?.stop();
    await pool?.end();
    const admin = new Kafka({ brokers, clientId: 'tf-rec-int', logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [names.orderTopic, names.catalogTopic, names.dlqTopic] }).catch(() => undefined);
    await admin.deleteGroups([names.indexerGroup, names.analyticsGroup]).catch(() => undefined);
    await admin.disconnect();
    const search = createSearchClient({ url: searchUrl });
    for (const index of [names.orderIndex, names.catalogIndex]) await search.deleteIndex(index).catch(() => undefined);
    await db?.drop();
  });

  const flip = async (name: FaultName, on: boolean, value?: number) => {
    await recordFault(shop.db, name, on, value);
    await shop.faults.refresh();
  };
  // The spec of truthflow.yaml's orders-in-search, on this test's index.
  const run = (): Promise<ReconcileOutcome> =>
    reconcile({
      source: postgresSide(pool, { table: 'orders', key: 'id', updatedAt: 'updated_at', version: 'version' }, 'orders'),
      target: searchSide(
        { url: searchUrl },
        { index: names.orderIndex, id: 'order_id', updatedAt: 'updated_at', version: 'version', hashField: 'truthflow_hash' },
        'orders index',
      ),
      nowMs: Date.now(),
      settleMs: SETTLE_MS,
      windowMs: 3_600_000,
      historyCursorMs: null,
      budget: { queries: 400, rows: 100_000 },
      sampleSize: 100,
      pendingExtras,
    });
  /** Runs until `done` holds, a run at a time (each sees what settled since the last). */
  const runUntil = async (what: string, done: (o: ReconcileOutcome) => boolean, timeoutMs = 60_000): Promise<ReconcileOutcome> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const outcome = await run();
      if (done(outcome)) return outcome;
      if (Date.now() > deadline) throw new Error(`${what}: last run ${JSON.stringify(outcome.counts)} of ${outcome.sourceRows} rows`);
      await sleep(1_000);
    }
  };

  it('a healthy shop reconciles clean', async () => {
    const outcome = await runUntil('30 settled orders', (o) => o.sourceRows >= 30);
    expect(outcome.counts).toEqual({ missing: 0, extra: 0, stale: 0 });
    expect(outcome.targetRows).toBe(outcome.sourceRows);
    expect(outcome.completeness).toBe(1);
  }, 90_000);

  it('indexer-drops: keys go missing, and come back when it is switched off', async () => {
    await flip('indexer-drops', true, 3);
    const broken = await runUntil('missing keys', (o) => o.counts.missing >= 3);
    expect(broken.counts.extra).toBe(0);
    expect(broken.completeness).toBeLessThan(1);
    await flip('indexer-drops', false);
    const healed = await runUntil('no missing key after the switch is off', (o) => o.counts.missing === 0);
    expect(healed.counts).toEqual({ missing: 0, extra: 0, stale: 0 });
  }, 150_000);

  it('delete-skips-outbox: the index keeps deleted orders, found as extra keys', async () => {
    const before = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM orders')).rows[0]!.n);
    await flip('delete-skips-outbox', true, 2);
    const found = await runUntil('extra keys', (o) => o.counts.extra >= 2, 90_000);
    await flip('delete-skips-outbox', false);
    expect(found.counts.missing).toBe(0);
    const extras = found.sample.filter((m) => m.reason === 'extra');
    expect(extras.length).toBeGreaterThanOrEqual(2);
    const { rows } = await pool.query<{ id: string }>('SELECT id::text FROM orders WHERE id = ANY($1)', [extras.map((m) => m.key)]);
    expect(rows).toEqual([]); // gone from the database, still in the index
    expect(before).toBeGreaterThan(0);
  }, 150_000);
});
