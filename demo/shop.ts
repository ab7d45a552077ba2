// The whole shop in one process: its tables, topics and indexes, the fault switches, tracing, and
// the four services. main.ts runs it from the command line; tests and the one-command start call
// startShop directly.
import type pg from 'pg';
import { createLogger, type Logger } from '@/lib/log';
import { createSearchClient } from '@/lib/search/client';
import { startAnalytics, type Analytics } from './analytics';
import { startBesideKafka } from './beside-kafka';
import { publishCatalog } from './catalog';
import { startCheckout, type Checkout } from './checkout';
import type { ShopConfig } from './config';
import { createShopPool, migrateShop } from './db';
import { watchFaults, type FaultBoard } from './fault-board';
import { clearServerFaults } from '@/lib/fault-switches/switches';
import { startSearchIndexer, type Indexer } from './indexer';
import { createShopKafka, ensureTopics } from './kafka';
import { startRelay, type Relay } from './relay';
import { dropOrderIndex, ensureIndexes } from './search';
import { ordersPredateReconciliation, stampOrderDocuments } from './search-stamp';
import { startShopTelemetry, type ShopTelemetry } from './telemetry';

export interface RunningShop {
  db: pg.Pool;
  faults: FaultBoard;
  checkout: Checkout;
  relay: Relay;
  telemetry: ShopTelemetry;
  /** Stops placing orders, then every service; leaves the servers running. */
  stop(): Promise<void>;
}

export interface StartShopOptions {
  logger?: (component: string) => Logger;
}

/**
 * The shop's tables, topics and indexes, i.e. everything Truthflow watches. The one-command start
 * calls this before the collectors' first run, so they find the outbox table instead of logging a
 * "does not exist" failure while the shop is still starting. Idempotent.
 */
export async function prepareShop(config: ShopConfig, logger: (component: string) => Logger = createLogger): Promise<void> {
  const db = createShopPool(config.shopDatabaseUrl);
  try {
    await createMonitored(db, config, logger);
  } finally {
    await db.end();
  }
}

async function createMonitored(db: pg.Pool, config: ShopConfig, logger: (component: string) => Logger) {
  // No orders table yet: a new shop, whose search index must start empty too (dropOrderIndex).
  const { rows } = await db.query<{ fresh: boolean }>(`SELECT to_regclass('orders') IS NULL AS fresh`);
  const newShop = rows[0]?.fresh === true;
  const upgrade = await ordersPredateReconciliation(db);
  await migrateShop(db);
  await ensureTopics(createShopKafka(config.kafkaBrokers, 'shop-setup', logger('shop-kafka')), config.names).catch((error: unknown) => {
    throw new Error(`demo shop: cannot create topics on Kafka at ${config.kafkaBrokers.join(',')}: ${(error as Error).message}`, {
      cause: error,
    });
  });
  // Short timeout: the indexer heartbeats between requests, so one request must fit well inside the session.
  const conn = { url: config.openSearchUrl, timeoutMs: 5_000 };
  const search = createSearchClient(conn);
  const prepared = async () => {
    if (newShop) await dropOrderIndex(search, config.names);
    await ensureIndexes(search, config.names, conn);
    if (upgrade) await stampOrderDocuments(db, search, config.names.orderIndex, logger('shop'));
  };
  await prepared().catch((error: unknown) => {
    throw new Error(`demo shop: cannot create indexes on ${config.openSearchUrl}: ${(error as Error).message}`, { cause: error });
  });
  return search;
}

export async function startShop(config: ShopConfig, opts: StartShopOptions = {}): Promise<RunningShop> {
  const logger = opts.logger ?? createLogger;
  const log = logger('shop');
  const { names } = config;
  const db = createShopPool(config.shopDatabaseUrl);
  const stops: (() => Promise<unknown>)[] = [() => db.end()];
  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    // Reverse order of start: orders stop first, the pool and the span exporters last.
    for (const stop of [...stops].reverse()) await stop().catch((error: unknown) => log.warn({ err: error }, 'stop failed'));
  };

  try {
    const search = await createMonitored(db, config, logger);

    await clearServerFaults(db); // both servers answered just now

    const telemetry = startShopTelemetry({ truthflowUrl: config.truthflowUrl });
    stops.push(() => telemetry.shutdown());
    const faults = watchFaults(db, logger('shop-faults'));
    stops.push(async () => faults.stop());
    await faults.refresh();

    const kafkaFor = (service: string) => createShopKafka(config.kafkaBrokers, `shop-${service}`, logger(`shop-${service}`));
    const analytics: Analytics = await startAnalytics({
      db,
      kafka: kafkaFor('analytics-loader'),
      tracer: telemetry.tracer('analytics-loader'),
      log: logger('shop-analytics-loader'),
      names,
      faults,
    });
    stops.push(() => analytics.stop());
    const indexer: Indexer = await startSearchIndexer({
      kafka: kafkaFor('search-indexer'),
      search,
      faults,
      tracer: telemetry.tracer('search-indexer'),
      log: logger('shop-search-indexer'),
      names,
    });
    stops.push(() => indexer.stop());
    await publishCatalog(kafkaFor('catalog'), names, telemetry.tracer('catalog'));
    const relay = startRelay({
      db,
      kafka: kafkaFor('outbox-relay'),
      faults,
      tracer: telemetry.tracer('outbox-relay'),
      log: logger('shop-outbox-relay'),
      names,
    });
    stops.push(() => relay.stop());
    const checkout = startCheckout({
      db,
      faults,
      tracer: telemetry.tracer('checkout'),
      log: logger('shop-checkout'),
      rate: config.orderRate,
    });
    stops.push(() => checkout.stop());
    stops.push(await startBesideKafka({ db, config, faults, logger }));

    log.info(
      { rate: config.orderRate, topics: [names.orderTopic, names.catalogTopic, names.dlqTopic], index: names.orderIndex },
      'demo shop running',
    );
    return { db, faults, checkout, relay, telemetry, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
