// The one pg pool per process. Hot paths (sample and span ingest) use it directly with multi-row
// inserts; Prisma (lib/store/prisma.ts) shares the same URL for ordinary reads.
import pg from 'pg';

const globalForPool = globalThis as unknown as { truthflowPool?: pg.Pool };

export function storeUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error('DATABASE_URL is not set: start Truthflow with `npm start` (embedded store) or set DATABASE_URL');
  }
  return url;
}

export function storePool(): pg.Pool {
  if (!globalForPool.truthflowPool) {
    const pool = new pg.Pool({
      connectionString: storeUrl(),
      max: Number(process.env.TRUTHFLOW_PG_POOL_MAX ?? 10),
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      // A runaway query must not hold a dashboard request forever.
      statement_timeout: 15_000,
      application_name: 'truthflow',
    });
    // An idle client losing its connection (store restarted) must not crash the process.
    pool.on('error', () => undefined);
    globalForPool.truthflowPool = pool;
  }
  return globalForPool.truthflowPool;
}

export async function closeStorePool(): Promise<void> {
  const pool = globalForPool.truthflowPool;
  globalForPool.truthflowPool = undefined;
  await pool?.end();
}
