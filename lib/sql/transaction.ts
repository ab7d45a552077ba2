// The one way Truthflow runs statements in a transaction, for every pg pool it holds (its own store,
// a monitored Postgres, the demo shop) and for a connection a caller already holds (the migration
// runner's locked session, a collector's checked-out client). Written once because the by-hand
// version is easy to get subtly wrong: ROLLBACK after any failure, the caller's error (not the
// ROLLBACK's) rethrown, and a pooled connection in an unknown state closed instead of handed on.
import type pg from 'pg';

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  /** BEGIN … READ ONLY: the server refuses every write inside (SQLSTATE 25006). */
  readOnly?: boolean;
  /** Unset: the session's default (READ COMMITTED unless the server is configured otherwise). */
  isolation?: IsolationLevel;
  /**
   * Pools only. A connection whose ROLLBACK failed is always closed; this also closes it after
   * failures it accepts, for callers that trust a connection only after a plain data error.
   */
  discardOn?: (error: unknown) => boolean;
}

/** The BEGIN statement for these options, e.g. BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY. */
export function beginStatement(options: TransactionOptions = {}): string {
  const parts = ['BEGIN'];
  if (options.isolation !== undefined) parts.push(`ISOLATION LEVEL ${options.isolation.toUpperCase()}`);
  if (options.readOnly === true) parts.push('READ ONLY');
  return parts.join(' ');
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown; rolledBack: boolean };

// Never rejects: the pool path must know how the transaction ended before it can release.
async function attempt<C extends pg.ClientBase, T>(
  client: C,
  fn: (client: C) => Promise<T>,
  options: TransactionOptions,
): Promise<Outcome<T>> {
  try {
    await client.query(beginStatement(options));
    const value = await fn(client);
    await client.query('COMMIT');
    return { ok: true, value };
  } catch (error) {
    // ROLLBACK outside a transaction (BEGIN or COMMIT failed) only warns, so failing here means the
    // connection itself is gone or stuck.
    const rolledBack = await client.query('ROLLBACK').then(
      () => true,
      () => false,
    );
    return { ok: false, error, rolledBack };
  }
}

// Duck-typed rather than instanceof: a pool built by another copy of pg is still a pool.
function isPool(db: pg.Pool | pg.ClientBase): db is pg.Pool {
  return typeof (db as Partial<pg.Pool>).totalCount === 'number';
}

/**
 * Runs `fn` in one transaction: BEGIN, then COMMIT when it resolves, ROLLBACK and its error
 * rethrown when anything fails. Given a pool, it borrows one connection and always gives it back
 * (closed when the ROLLBACK failed or `discardOn` says so); given a client, that client stays the
 * caller's, open or not.
 */
export function withTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, options?: TransactionOptions): Promise<T>;
export function withTransaction<C extends pg.ClientBase, T>(
  client: C,
  fn: (client: C) => Promise<T>,
  options?: TransactionOptions,
): Promise<T>;
export async function withTransaction<C extends pg.ClientBase, T>(
  db: pg.Pool | C,
  fn: (client: C) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (!isPool(db)) {
    const outcome = await attempt(db, fn, options);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }
  const client = await db.connect();
  let discard = true;
  try {
    // Given a pool, the first overload typed `fn` for the pool's own clients.
    const outcome = await attempt(client, fn as unknown as (client: pg.PoolClient) => Promise<T>, options);
    if (outcome.ok) {
      discard = false;
      return outcome.value;
    }
    discard = !outcome.rolledBack || options.discardOn?.(outcome.error) === true;
    throw outcome.error;
  } finally {
    client.release(discard);
  }
}
