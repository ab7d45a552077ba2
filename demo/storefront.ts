// The storefront: shoppers look at their carts and at product pages, ten views a second, and now
// and then add a plan to their cart. Every read goes through the cart cache, so its hit ratio is
// the real thing Truthflow's cache SLO measures. It also runs the cache-flushed switch: while it is
// on, a runaway job sends FLUSHALL to the primary every second.
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Logger } from '@/lib/log';
import { createCartCache } from './cart-cache';
import { PLANS } from './events';
import type { FaultView } from './fault-board';

// Ten views a second: enough reads per collector run that the hit ratio is steady, not noise.
const VIEW_EVERY_MS = 100;
const FLUSH_EVERY_MS = 1_000;
/** One view in fifty changes a cart: enough churn that misses happen, few enough that hits dominate. */
const ADD_TO_CART_SHARE = 0.02;
const PRODUCT_PAGE_SHARE = 0.2;
const SHOPPERS = Array.from({ length: 24 }, (_, i) => `shopper-${String(i + 1).padStart(2, '0')}`);

export interface StorefrontDeps {
  db: Pick<pg.Pool, 'query'>;
  faults: FaultView;
  /** The cache's primary, host:port. */
  redisPrimary: string;
  log: Logger;
}

export interface Storefront {
  stop(): Promise<void>;
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;

export function startStorefront(deps: StorefrontDeps): Storefront {
  const { faults, log } = deps;
  const cache = createCartCache(deps.db, deps.redisPrimary, log);
  const stopping = new AbortController();
  let failing = false;

  const view = async () => {
    const roll = Math.random();
    if (roll < ADD_TO_CART_SHARE) await cache.addToCart(pick(SHOPPERS), pick(PLANS).sku);
    else if (roll < ADD_TO_CART_SHARE + PRODUCT_PAGE_SHARE) await cache.product(pick(PLANS).sku);
    else await cache.cart(pick(SHOPPERS));
  };

  const every = async (ms: number, work: () => Promise<void>) => {
    while (!stopping.signal.aborted) {
      await work();
      await sleep(ms, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  };
  const views = every(VIEW_EVERY_MS, async () => {
    try {
      await view();
      if (failing) log.info('storefront serving again');
      failing = false;
    } catch (error) {
      // Only Postgres can fail a view (the cache falls back to it): the shop's database is away.
      if (!failing) log.warn({ err: error }, 'storefront cannot read carts');
      failing = true;
    }
  });
  const flusher = every(FLUSH_EVERY_MS, async () => {
    if (faults.isOn('cache-flushed')) await cache.flushAll();
  });
  log.info({ cache: deps.redisPrimary, shoppers: SHOPPERS.length }, 'storefront serving carts through the cache');

  return {
    stop: async () => {
      stopping.abort();
      await Promise.all([views, flusher]);
      cache.close();
    },
  };
}
