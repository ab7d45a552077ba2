// The one connection pool to the store per process, and the rule for how the store is accessed:
//
// - Prisma owns the shape of the store: prisma/schema.prisma describes every table and the
//   migrations in prisma/migrations are applied by lib/store/migrate.ts (a schema test keeps the
//   two in step). Prisma is not a runtime client here: nothing queries through it.
// - Every query is pg, through this pool, in lib/store/queries/: one module per table, bound
//   parameters only, rows turned into the module's types by one named `…FromRow` function (or by
//   column aliases in the SQL when nothing needs converting).
// - Transactions go through withTransaction (lib/sql/transaction.ts), never a hand-written
//   BEGIN/COMMIT.
// - The only connections outside this pool are the ones a pool cannot give: the migration
//   runner's and the leases' dedicated sessions (their advisory locks belong to one session).
// - The store failing is a StoreUnavailableError (./errors.ts), raised here, never a raw pg error:
//   callers answer it with one policy (503 "store unreachable", see lib/http/route.ts).
import pg from 'pg';
import { reportingUnavailable, StoreUnavailableError } from './errors';

const globalForPool = globalThis as unknown as { truthflowPool?: pg.Pool };

export function storeUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new StoreUnavailableError('DATABASE_URL is not set: start Truthflow with `npm start` (embedded store) or set DATABASE_URL', {
      kind: 'config',
    });
  }
  return url;
}

export function storePool(): pg.Pool {
  if (!globalForPool.truthflowPool) {
    const pool = reportingUnavailable(
      new pg.Pool({
        connectionString: storeUrl(),
        max: Number(process.env.TRUTHFLOW_PG_POOL_MAX ?? 10),
        connectionTimeoutMillis: 5_000,
        idleTimeoutMillis: 30_000,
        // A runaway query must not hold a dashboard request forever.
        statement_timeout: 15_000,
        // statement_timeout is enforced by the server; this bounds the wait when the server or the
        // network stops answering altogether. Longer than it, so a healthy server always answers first.
        query_timeout: 30_000,
        // A connection silently dropped by a firewall or NAT is noticed instead of hanging a query.
        keepAlive: true,
        application_name: 'truthflow',
      }),
    );
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
