// The shop's settings: where its servers are and what its topics, groups and index are called.
// The names default to exactly what truthflow.yaml declares, so Truthflow watches this shop with no
// extra configuration; tests override them to get uniquely named topics, groups and indexes on the
// shared servers.
import { z } from 'zod';

export interface ShopNames {
  orderTopic: string;
  catalogTopic: string;
  dlqTopic: string;
  indexerGroup: string;
  analyticsGroup: string;
  /** The search index truthflow.yaml watches (`indexes: orders`). */
  orderIndex: string;
  /** Catalog documents live beside it; Truthflow does not watch this one. */
  catalogIndex: string;
}

export const DEFAULT_NAMES: ShopNames = {
  orderTopic: 'order-events',
  catalogTopic: 'catalog-events',
  dlqTopic: 'order-events.dlq',
  indexerGroup: 'search-indexer',
  analyticsGroup: 'analytics-loader',
  orderIndex: 'orders',
  catalogIndex: 'catalog',
};

export interface ShopConfig {
  shopDatabaseUrl: string;
  kafkaBrokers: string[];
  openSearchUrl: string;
  /** Where spans go: `${truthflowUrl}/v1/traces`. */
  truthflowUrl: string;
  /** Orders per second placed by checkout (×10 while the order-rate switch is on). */
  orderRate: number;
  names: ShopNames;
  /**
   * The cart cache's Redis nodes, primary first (the storefront reads and writes the primary; the
   * replica is there for Truthflow to watch). Undefined: no storefront runs.
   */
  redisNodes?: string[];
  /**
   * A connection with the REPLICATION attribute to the shop's database, for the audit trail's
   * logical replication slot; the shop's own connection is tried when unset. Without it (or
   * without wal_level=logical) the shop runs without its CDC audit trail and says so.
   */
  cdcDatabaseUrl?: string;
}

// Same defaults as the sources in truthflow.yaml.
export const DEFAULT_SHOP_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/truthflow_shop';
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:19092';
export const DEFAULT_OPENSEARCH_URL = 'http://127.0.0.1:19200';
export const DEFAULT_TRUTHFLOW_URL = 'http://127.0.0.1:3000';
export const DEFAULT_REDIS_NODES = '127.0.0.1:16379,127.0.0.1:16380';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const envSchema = z.object({
  SHOP_DATABASE_URL: z.preprocess(blankToUndefined, z.url().optional()),
  KAFKA_BROKERS: z.preprocess(blankToUndefined, z.string().default(DEFAULT_KAFKA_BROKERS)),
  OPENSEARCH_URL: z.preprocess(blankToUndefined, z.url().default(DEFAULT_OPENSEARCH_URL)),
  TRUTHFLOW_URL: z.preprocess(blankToUndefined, z.url().default(DEFAULT_TRUTHFLOW_URL)),
  ORDER_RATE: z.preprocess(blankToUndefined, z.coerce.number().positive().max(200).default(1)),
  REDIS_NODES: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\s*[^\s,:]+:\d+\s*(,\s*[^\s,:]+:\d+\s*)*$/, { error: 'expected host:port[,host:port…], primary first' })
      .default(DEFAULT_REDIS_NODES),
  ),
  SHOP_CDC_DATABASE_URL: z.preprocess(blankToUndefined, z.url().optional()),
});

/**
 * Reads the environment once at start. `shopDatabaseUrl` may be supplied by the caller instead
 * (main.ts starts the embedded PostgreSQL when SHOP_DATABASE_URL is unset). A bad value fails here,
 * naming the variable.
 */
export function shopConfigFromEnv(env: Record<string, string | undefined>, shopDatabaseUrl?: string): ShopConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`demo shop: bad environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    shopDatabaseUrl: shopDatabaseUrl ?? e.SHOP_DATABASE_URL ?? DEFAULT_SHOP_DATABASE_URL,
    kafkaBrokers: e.KAFKA_BROKERS.split(',')
      .map((b) => b.trim())
      .filter(Boolean),
    openSearchUrl: e.OPENSEARCH_URL,
    truthflowUrl: e.TRUTHFLOW_URL.replace(/\/+$/, ''),
    orderRate: e.ORDER_RATE,
    names: DEFAULT_NAMES,
    redisNodes: e.REDIS_NODES.split(',').map((n) => n.trim()),
    ...(e.SHOP_CDC_DATABASE_URL ? { cdcDatabaseUrl: e.SHOP_CDC_DATABASE_URL } : {}),
  };
}
