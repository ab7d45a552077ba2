// The shop's paths that do not go through Kafka: the storefront reading carts through the Redis
// cache, and the audit trail reading the shop's WAL through a logical replication slot (CDC).
// Each runs only where its server is: no Redis configured, no storefront; no slot possible (see
// audit-trail.ts), no audit trail. Truthflow then shows their stages as unknown.
import type pg from 'pg';
import type { Logger } from '@/lib/log';
import { startAuditTrail } from './audit-trail';
import type { ShopConfig } from './config';
import { createShopPool } from './db';
import type { FaultView } from './fault-board';
import { startStorefront } from './storefront';

export interface BesideKafkaDeps {
  db: pg.Pool;
  config: ShopConfig;
  faults: FaultView;
  logger: (component: string) => Logger;
}

/** Starts both; the returned function stops them and closes what they opened. */
export async function startBesideKafka(deps: BesideKafkaDeps): Promise<() => Promise<void>> {
  const { config, faults, logger } = deps;
  const stops: (() => Promise<unknown>)[] = [];
  const primary = config.redisNodes?.[0];
  if (primary) {
    const storefront = startStorefront({ db: deps.db, faults, redisPrimary: primary, log: logger('shop-storefront') });
    stops.push(() => storefront.stop());
  }
  // Replication needs its own privileges: a separate small pool when a separate URL is given.
  const slotDb = config.cdcDatabaseUrl ? createShopPool(config.cdcDatabaseUrl, 1) : deps.db;
  const audit = await startAuditTrail({ slotDb, shopDb: deps.db, faults, log: logger('shop-audit-trail') });
  stops.push(async () => {
    await audit.stop();
    if (slotDb !== deps.db) await slotDb.end();
  });
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
