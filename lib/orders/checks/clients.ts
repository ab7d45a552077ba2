// Connections the order page's live checks use, one per monitored source and server process, so a
// lookup never opens a fresh pool. Short timeouts: a check that cannot answer quickly says so.
import { Kafka } from 'kafkajs';
import type pg from 'pg';
import type { KafkaSource, PostgresSource, SearchSource } from '@/lib/config';
import type { SearchClient } from '@/lib/search/client';
import { kafkaConfigFor, readOnlyPoolFor, searchClientFor } from '@/lib/sources/connections';

export const CHECK_TIMEOUT_MS = { outbox: 2_500, dlq: 6_000, search: 2_500 } as const;

interface CheckClients {
  pools: Map<string, pg.Pool>;
  kafkas: Map<string, Kafka>;
  searches: Map<string, SearchClient>;
}

const globalForChecks = globalThis as unknown as { truthflowCheckClients?: CheckClients };
const clients = (): CheckClients =>
  (globalForChecks.truthflowCheckClients ??= { pools: new Map(), kafkas: new Map(), searches: new Map() });

// Keyed by name and URL: a test (or a config reload) that points a name elsewhere gets a new pool.
export function checkPool(source: PostgresSource): pg.Pool {
  const key = `${source.name}\n${source.url}`;
  let pool = clients().pools.get(key);
  if (!pool) {
    pool = readOnlyPoolFor(source, {
      timeoutMs: CHECK_TIMEOUT_MS.outbox,
      applicationName: 'truthflow-order-check',
      idleTimeoutMillis: 30_000,
    });
    clients().pools.set(key, pool);
  }
  return pool;
}

export function checkKafka(source: KafkaSource): Kafka {
  const key = `${source.name}\n${source.brokers.join(',')}`;
  let kafka = clients().kafkas.get(key);
  if (!kafka) {
    kafka = new Kafka(kafkaConfigFor(source, CHECK_TIMEOUT_MS.dlq - 1_000));
    clients().kafkas.set(key, kafka);
  }
  return kafka;
}

export function checkSearch(source: SearchSource): SearchClient {
  const key = `${source.name}\n${source.url}`;
  let client = clients().searches.get(key);
  if (!client) {
    client = searchClientFor(source, CHECK_TIMEOUT_MS.search);
    clients().searches.set(key, client);
  }
  return client;
}

/** Tests end their pools so the process can exit. */
export async function closeCheckClients(): Promise<void> {
  const all = clients();
  await Promise.all([...all.pools.values()].map((p) => p.end().catch(() => undefined)));
  all.pools.clear();
  all.kafkas.clear();
  all.searches.clear();
}
