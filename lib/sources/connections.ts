// How Truthflow connects to a monitored system, written once: the collectors' long-lived clients,
// the order page's live checks and the DLQ peek all build their connections here, so TLS, SASL,
// search auth and the read-only Postgres session are the same wherever a source is reached.
import { readFileSync } from 'node:fs';
import { logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { KafkaSource, PostgresSource, SearchSource } from '@/lib/config';
import type { RedisSource } from '@/lib/config/schema-sources';
import { createSearchClient, type SearchAuth, type SearchClient } from '@/lib/search/client';

export function kafkaConfigFor(source: KafkaSource, timeoutMs: number): KafkaConfig {
  const ssl = source.ssl;
  return {
    clientId: source.clientId,
    brokers: source.brokers,
    connectionTimeout: Math.min(timeoutMs, 5_000),
    requestTimeout: timeoutMs,
    // Callers retry on their own schedule; kafkajs retrying inside one call only eats the timeout.
    retry: { retries: 1, initialRetryTime: 200 },
    logLevel: logLevel.NOTHING,
    sasl: source.sasl
      ? ({ mechanism: source.sasl.mechanism, username: source.sasl.username, password: source.sasl.password } as SASLOptions)
      : undefined,
    ssl:
      typeof ssl === 'object'
        ? { rejectUnauthorized: ssl.rejectUnauthorized, ca: ssl.ca ? [readFileSync(ssl.ca, 'utf8')] : undefined }
        : ssl,
  };
}

export function searchAuthOf(source: SearchSource): SearchAuth {
  if (!source.auth) return { type: 'none' };
  return 'apiKey' in source.auth ? { type: 'apiKey', apiKey: source.auth.apiKey } : { type: 'basic', ...source.auth };
}

export function searchClientFor(source: SearchSource, timeoutMs: number): SearchClient {
  return createSearchClient({ url: source.url, auth: searchAuthOf(source), timeoutMs });
}

export interface ReadOnlyPoolOptions {
  timeoutMs: number;
  /** Shows in the monitored server's pg_stat_activity, so its DBA can tell who is asking. */
  applicationName: string;
  max?: number;
  idleTimeoutMillis?: number;
}

/** A small pool to a monitored Postgres whose sessions cannot write, whatever the role may do. */
export function readOnlyPoolFor(source: PostgresSource, opts: ReadOnlyPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: source.url,
    max: opts.max ?? 2,
    connectionTimeoutMillis: opts.timeoutMs,
    statement_timeout: opts.timeoutMs,
    // The server enforces statement_timeout; this bounds the wait when the server or the network
    // goes silent altogether. A little longer, so a server that still answers always answers first.
    query_timeout: opts.timeoutMs + 1_000,
    // A connection a firewall or NAT dropped silently is noticed instead of hanging a check.
    keepAlive: true,
    idleTimeoutMillis: opts.idleTimeoutMillis,
    application_name: opts.applicationName,
    options: '-c default_transaction_read_only=on',
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * One connection to one listed node of a redis source (host:port). It never reconnects or queues
 * by itself: a command while the node is down fails at once, and the next run builds a new client,
 * so an outage is reported on the run it happens in rather than hidden behind retries.
 */
export function redisClientFor(source: RedisSource, node: string, timeoutMs: number): Redis {
  const colon = node.lastIndexOf(':');
  const client = new Redis({
    host: node.slice(0, colon).replace(/^\[|\]$/g, ''),
    port: Number(node.slice(colon + 1)),
    username: source.auth?.username,
    password: source.auth?.password,
    tls: source.tls ? {} : undefined,
    connectionName: 'truthflow-collector',
    connectTimeout: Math.min(timeoutMs, 5_000),
    commandTimeout: timeoutMs,
    lazyConnect: true,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // An idle client's error (server gone) must not crash the process; the next command reports it.
  client.on('error', () => undefined);
  return client;
}
