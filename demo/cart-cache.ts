// The storefront's cache: carts and product pages in Redis, cache-aside in front of the truth
// (carts in Postgres, products in the catalog). A cache that does not answer is a slower shop, not
// a broken one: every read falls back to the truth, and the cache is filled again once it is back.
import { Redis } from 'ioredis';
import type pg from 'pg';
import { z } from 'zod';
import type { Logger } from '@/lib/log';
import { PLANS } from './events';

/** Long enough that a healthy cache serves nearly every read; a changed cart drops its key at once. */
const CART_TTL_SECONDS = 600;
const PRODUCT_TTL_SECONDS = 300;
/**
 * Up to this share is added at random to each TTL: keys filled together (a cold start) would
 * otherwise expire together, and that burst of misses would read as a falling hit ratio.
 */
const TTL_JITTER = 0.5;

const cartSchema = z.object({ customer: z.string(), items: z.array(z.object({ sku: z.string(), qty: z.number().int().positive() })) });
export type Cart = z.infer<typeof cartSchema>;
const productSchema = z.object({ sku: z.string(), name: z.string(), price_cents: z.number().int() });
export type Product = z.infer<typeof productSchema>;

export interface CartCache {
  cart(customer: string): Promise<Cart>;
  product(sku: string): Promise<Product | undefined>;
  /** Writes the truth first, then drops the cached copy: the next read loads the new cart. */
  addToCart(customer: string, sku: string): Promise<void>;
  /** The runaway job behind the cache-flushed switch. */
  flushAll(): Promise<void>;
  close(): void;
}

/** A client that fails fast while the server is away, and keeps reconnecting every second. */
function redisFor(node: string): Redis {
  const [host, port] = node.split(':');
  return new Redis({
    host,
    port: Number(port),
    connectTimeout: 1_000,
    commandTimeout: 1_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => 1_000,
  });
}

export function createCartCache(db: Pick<pg.Pool, 'query'>, primary: string, log: Logger): CartCache {
  const redis = redisFor(primary);
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) log.warn({ err: error, node: primary }, 'cart cache unreachable; the storefront reads Postgres meanwhile');
    down = true;
  });
  redis.on('ready', () => {
    if (down) log.info({ node: primary }, 'cart cache reachable again');
    down = false;
  });

  /** The cached value, or undefined on a miss or while the cache is away. */
  const cached = async <T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> => {
    const text = await redis.get(key).catch(() => null);
    if (text === null) return undefined;
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined; // not ours, or cut short: reload it from the truth
    }
  };
  const fill = (key: string, value: unknown, ttl: number) =>
    redis.set(key, JSON.stringify(value), 'EX', Math.round(ttl * (1 + Math.random() * TTL_JITTER))).catch(() => undefined);

  return {
    async cart(customer) {
      const key = `cart:${customer}`;
      const hit = await cached(key, cartSchema);
      if (hit) return hit;
      const { rows } = await db.query<{ items: unknown }>('SELECT items FROM carts WHERE customer = $1', [customer]);
      const cart = cartSchema.parse({ customer, items: rows[0]?.items ?? [] });
      await fill(key, cart, CART_TTL_SECONDS);
      return cart;
    },
    async product(sku) {
      const key = `product:${sku}`;
      const hit = await cached(key, productSchema);
      if (hit) return hit;
      const plan = PLANS.find((p) => p.sku === sku);
      if (plan) await fill(key, plan, PRODUCT_TTL_SECONDS);
      return plan;
    },
    async addToCart(customer, sku) {
      await db.query(
        `INSERT INTO carts (customer, items) VALUES ($1, jsonb_build_array(jsonb_build_object('sku', $2::text, 'qty', 1)))
         ON CONFLICT (customer) DO UPDATE SET items = (
           -- A cart holds a handful of lines: the oldest drop out, so it never grows without bound.
           SELECT COALESCE(jsonb_agg(line), '[]'::jsonb) FROM (
             SELECT line FROM jsonb_array_elements(carts.items || EXCLUDED.items) WITH ORDINALITY AS l(line, n) ORDER BY n DESC LIMIT 5
           ) newest
         ), updated_at = now()`,
        [customer, sku],
      );
      // A drop that fails leaves the old cart cached until its TTL: the price of cache-aside.
      await redis.del(`cart:${customer}`).catch(() => undefined);
    },
    flushAll: async () => void (await redis.flushall().catch(() => undefined)),
    close: () => redis.disconnect(),
  };
}
