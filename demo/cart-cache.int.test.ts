// The storefront's cart cache against a real Redis (a port of this test's own) and a scratch shop
// database: cache-aside reads, a cart change that drops the cached copy, FLUSHALL, and reads that
// fall back to Postgres while Redis is stopped.
import { Redis } from 'ioredis';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@/lib/log';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { startRedis, stopRedis } from '@/scripts/redis';
import { createCartCache, type CartCache } from './cart-cache';
import { createShopPool, migrateShop } from './db';

const PORT = 16393;
let scratch: ScratchDatabase;
let db: pg.Pool;
let redis: Redis;
let cache: CartCache;

const reads = async () => {
  const info = await redis.info('stats');
  return { hits: Number(/keyspace_hits:(\d+)/.exec(info)?.[1]), misses: Number(/keyspace_misses:(\d+)/.exec(info)?.[1]) };
};

beforeAll(async () => {
  await startRedis({ port: PORT });
  scratch = await createScratchDatabase('cart_cache');
  db = createShopPool(scratch.url, 2);
  await migrateShop(db);
  redis = new Redis({ port: PORT, host: '127.0.0.1' });
  redis.on('error', () => undefined); // the test stops this server on purpose
  cache = createCartCache(db, `127.0.0.1:${PORT}`, createLogger('test'));
}, 60_000);

afterAll(async () => {
  cache?.close();
  redis?.disconnect();
  await db?.end();
  await scratch?.drop();
  await stopRedis(PORT);
});

describe('cart cache', () => {
  it('reads through the cache, drops a changed cart, and misses everything after FLUSHALL', async () => {
    await redis.config('RESETSTAT');
    await cache.addToCart('ada', 'espresso-monthly');
    expect((await cache.cart('ada')).items).toEqual([{ sku: 'espresso-monthly', qty: 1 }]); // miss, filled
    expect((await cache.cart('ada')).items).toHaveLength(1); // hit
    expect(await reads()).toEqual({ hits: 1, misses: 1 });

    await cache.addToCart('ada', 'decaf-monthly'); // truth first, then the cached copy is dropped
    expect((await cache.cart('ada')).items.map((i) => i.sku)).toEqual(['decaf-monthly', 'espresso-monthly']);
    expect((await cache.product('decaf-monthly'))?.price_cents).toBe(1600);
    expect(await reads()).toEqual({ hits: 1, misses: 3 });

    await cache.flushAll();
    expect(await redis.dbsize()).toBe(0);
  });

  it('serves carts from Postgres while Redis is stopped', async () => {
    await cache.addToCart('grace', 'filter-fortnightly');
    await stopRedis(PORT);
    try {
      expect((await cache.cart('grace')).items).toEqual([{ sku: 'filter-fortnightly', qty: 1 }]);
      expect(await cache.product('filter-fortnightly')).toMatchObject({ sku: 'filter-fortnightly' });
    } finally {
      await startRedis({ port: PORT });
    }
  });
});
