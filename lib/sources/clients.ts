// The collectors' connections to the monitored systems, created on first use and kept per source,
// so a collector never opens a connection per run. A client that failed is dropped and rebuilt on
// the next run.
import { Kafka, type Admin } from 'kafkajs';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { KafkaSource, PostgresSource, SearchSource, TruthflowConfig } from '@/lib/config';
import type { RedisSource } from '@/lib/config/schema-sources';
import { TruthflowError } from '@/lib/errors';
import { GroupReads } from '@/lib/kafka/group-reads';
import type { SearchClient } from '@/lib/search/client';
import { kafkaConfigFor, readOnlyPoolFor, redisClientFor, searchClientFor } from './connections';

export interface Clients {
  /** A small read-only pool to a monitored Postgres (the system of record). */
  postgres(source: string): pg.Pool;
  /** A connected kafkajs admin client for a cluster. */
  kafkaAdmin(source: string): Promise<Admin>;
  /** The kafkajs instance, for collectors that must read messages (DLQ peeks, exact lag). */
  kafka(source: string): Kafka;
  /** Batched consumer-group reads on the cluster, connected on first use; shared by every lag shard. */
  kafkaGroupReads(source: string): GroupReads;
  search(source: string): SearchClient;
  /** A client for one listed node (host:port) of a redis source; rebuilt once its connection ended. */
  redis(source: string, node: string): Redis;
  /** Forget a broken client so the next run connects afresh. */
  discard(source: string): Promise<void>;
  closeAll(): Promise<void>;
}

function sourceOf<K extends string>(config: TruthflowConfig, name: string, kinds: readonly K[]) {
  const source = config.sources[name];
  if (!source || !(kinds as readonly string[]).includes(source.kind)) {
    throw new TruthflowError('config', `source "${name}" is not a ${kinds.join(' or ')} source`);
  }
  return source;
}

export function createClients(config: TruthflowConfig): Clients {
  const timeoutMs = config.collectors.timeoutSeconds * 1000;
  const pools = new Map<string, pg.Pool>();
  const kafkas = new Map<string, Kafka>();
  const admins = new Map<string, Promise<Admin>>();
  const groupReads = new Map<string, GroupReads>();
  const searches = new Map<string, SearchClient>();
  const redises = new Map<string, Map<string, Redis>>();

  const discard = async (name: string) => {
    const admin = admins.get(name);
    admins.delete(name);
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
    const reads = groupReads.get(name);
    groupReads.delete(name);
    await reads?.close();
    const pool = pools.get(name);
    pools.delete(name);
    await pool?.end().catch(() => undefined);
    const nodes = redises.get(name);
    redises.delete(name);
    for (const client of nodes?.values() ?? []) client.disconnect();
  };

  const kafka = (name: string) => {
    let client = kafkas.get(name);
    if (!client) {
      client = new Kafka(kafkaConfigFor(sourceOf(config, name, ['kafka'] as const) as KafkaSource, timeoutMs));
      kafkas.set(name, client);
    }
    return client;
  };

  return {
    postgres(name) {
      let pool = pools.get(name);
      if (!pool) {
        const source = sourceOf(config, name, ['postgres'] as const) as PostgresSource;
        pool = readOnlyPoolFor(source, { timeoutMs, applicationName: 'truthflow-collector' });
        pools.set(name, pool);
      }
      return pool;
    },
    kafka,
    kafkaAdmin(name) {
      let admin = admins.get(name);
      if (!admin) {
        const created = kafka(name).admin();
        admin = created.connect().then(() => created);
        // A failed connect must not be cached.
        admin.catch(() => admins.delete(name));
        admins.set(name, admin);
      }
      return admin;
    },
    kafkaGroupReads(name) {
      let reads = groupReads.get(name);
      if (!reads) {
        reads = new GroupReads(kafka(name));
        groupReads.set(name, reads);
      }
      return reads;
    },
    search(name) {
      let client = searches.get(name);
      if (!client) {
        const source = sourceOf(config, name, ['opensearch', 'elasticsearch'] as const) as SearchSource;
        client = searchClientFor(source, timeoutMs);
        searches.set(name, client);
      }
      return client;
    },
    redis(name, node) {
      const source = sourceOf(config, name, ['redis'] as const) as RedisSource;
      const nodes = redises.get(name) ?? new Map<string, Redis>();
      redises.set(name, nodes);
      let client = nodes.get(node);
      if (!client || client.status === 'end') {
        client = redisClientFor(source, node, timeoutMs);
        nodes.set(node, client);
      }
      return client;
    },
    discard,
    async closeAll() {
      await Promise.all([...new Set([...pools.keys(), ...admins.keys(), ...groupReads.keys(), ...redises.keys()])].map(discard));
    },
  };
}
