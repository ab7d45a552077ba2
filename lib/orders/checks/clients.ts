// Connections the order page's live checks use, one per monitored source and server process, so a
// lookup never opens a fresh pool. Short timeouts: a check that cannot answer quickly says so.
import { Kafka } from 'kafkajs';
import pg from 'pg';
import { kafkaConfigFor } from '@/collectors/clients';
import type { KafkaSource, PostgresSource, SearchSource } from '@/lib/config';
import { createSearchClient, type SearchAuth, type SearchClient } from '@/lib/search/client';

export const CHECK_TIMEOUT_MS = { outbox: 2_500, dlq: 6_000, search: 2_500 } as const;

interface CheckClients {
  pools: Map<string, pg.Pool>;
  kafkas: Map<string, Kafka>;
  searches: Map<string, SearchClient>;
}

const globalForChecks = globalThis as unknown as { truthflowCheckClients?: CheckClients };
const clients = (): CheckClients => (globalForChecks.truthflowCheckClients ??= { pools: new Map(), kafkas: new Map(), searches: new Map() });

// Keyed by name and URL: a test (or a config reload) that points a name elsewhere gets a new pool.
export function checkPool(source: PostgresSource): pg.Pool {
  const key = `${source.name}\n${source.url}`;
  let pool = clients().pools.get(key);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: source.url,
      max: 2,
      connectionTimeoutMillis: CHECK_TIMEOUT_MS.outbox,
      statement_timeout: CHECK_TIMEOUT_MS.outbox,
      idleTimeoutMillis: 30_000,
      application_name: 'truthflow-order-check',
      // Read-only by construction, whatever the role is allowed to do.
      options: '-c default_transaction_read_only=on',
    });
    pool.on('error', () => undefined);
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

function searchAuthOf(source: SearchSource): SearchAuth {
  if (!source.auth) return { type: 'none' };
  return 'apiKey' in source.auth ? { type: 'apiKey', apiKey: source.auth.apiKey } : { type: 'basic', ...source.auth };
}

export function checkSearch(source: SearchSource): SearchClient {
  const key = `${source.name}\n${source.url}`;
  let client = clients().searches.get(key);
  if (!client) {
    client = createSearchClient({ url: source.url, auth: searchAuthOf(source), timeoutMs: CHECK_TIMEOUT_MS.search });
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
