// The shop's database: which server it lives on, creating it, and its tables (schema.sql).
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { embeddedSuperuserUrl, startEmbeddedStore } from '@/lib/store/embedded';
import { ensureDatabase } from '@/lib/store/ensure-database';

export const SHOP_DATABASE = 'truthflow_shop';
// Two shop processes (or the CLI and the shop) starting together would race on CREATE TABLE IF NOT
// EXISTS, which is not atomic in PostgreSQL; an advisory lock serialises them.
const MIGRATION_LOCK = 0x7368_6f70; // "shop"

export interface ShopDatabase {
  url: string;
  /** On the embedded server this process resolved: a connection that may replicate (the audit trail's slot). */
  cdcUrl?: string;
  /** Stops the embedded server if this process started it. */
  stop(): Promise<void>;
}

/**
 * SHOP_DATABASE_URL wins; else the `truthflow_shop` database beside Truthflow's store on the
 * DATABASE_URL server; else on the embedded PostgreSQL (started if nobody runs it yet).
 */
export async function resolveShopDatabase(env: Record<string, string | undefined>, log: (line: string) => void): Promise<ShopDatabase> {
  if (env.SHOP_DATABASE_URL) return { url: env.SHOP_DATABASE_URL, stop: async () => undefined };
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    await ensureDatabase(env.DATABASE_URL, SHOP_DATABASE);
    url.pathname = `/${SHOP_DATABASE}`;
    return { url: url.toString(), stop: async () => undefined };
  }
  const store = await startEmbeddedStore({ database: SHOP_DATABASE, log });
  return { url: store.url, cdcUrl: embeddedSuperuserUrl(store.url, SHOP_DATABASE), stop: () => store.stop() };
}

export function createShopPool(url: string, max = 8): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, application_name: 'truthflow-demo-shop' });
  // An idle client losing its connection (server restart) must not crash the shop.
  pool.on('error', () => undefined);
  return pool;
}

/** Creates the shop's tables and indexes if missing. Safe to run at every start. */
export async function migrateShop(pool: pg.Pool): Promise<void> {
  const schema = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(schema);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
