// How Truthflow connects to a monitored system, written once: the collectors' long-lived clients,
// the order page's live checks and the DLQ peek all build their connections here, so TLS, SASL,
// search auth and the read-only Postgres session are the same wherever a source is reached.
import { readFileSync } from 'node:fs';
import { logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import pg from 'pg';
import type { KafkaSource, PostgresSource, SearchSource } from '@/lib/config';
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
    idleTimeoutMillis: opts.idleTimeoutMillis,
    application_name: opts.applicationName,
    options: '-c default_transaction_read_only=on',
  });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return pool;
}
