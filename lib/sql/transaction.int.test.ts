// withTransaction against the real PostgreSQL: what it commits, what it rolls back, that READ ONLY
// and the isolation level reach the server, and that a borrowed connection always goes back to the
// pool (or is closed when it cannot be trusted). Runs in its own scratch database.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { withTransaction } from './transaction';

describe('withTransaction on a real PostgreSQL', () => {
  let db: ScratchDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createScratchDatabase('tx');
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    pool.on('error', () => undefined);
    await pool.query('CREATE TABLE items (id int PRIMARY KEY, note text)');
  });
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });
  afterEach(async () => {
    await pool.query('TRUNCATE items');
  });

  const ids = async () => (await pool.query<{ id: number }>('SELECT id FROM items ORDER BY id')).rows.map((r) => r.id);

  /** Every connection the pool holds is idle: the one withTransaction borrowed came back. */
  function expectAllReturned(total: number): void {
    expect(pool.totalCount).toBe(total);
    expect(pool.idleCount).toBe(total);
    expect(pool.waitingCount).toBe(0);
  }

  it('commits what fn wrote and returns its value', async () => {
    const result = await withTransaction(pool, async (client) => {
      await client.query('INSERT INTO items VALUES (1), (2)');
      return 'done';
    });
    expect(result).toBe('done');
    expect(pool.totalCount).toBeGreaterThan(0);
    expectAllReturned(pool.totalCount);
    // Read on another connection than the writer's, so the rows are committed, not just visible to it.
    const other = new pg.Client({ connectionString: db.url });
    await other.connect();
    try {
      expect((await other.query('SELECT id FROM items ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
    } finally {
      await other.end();
    }
  });

  it('rolls back when fn throws, rethrows that very error and returns the connection', async () => {
    const before = pool.totalCount;
    const failure = new Error('changed my mind');
    await expect(
      withTransaction(pool, async (client) => {
        await client.query('INSERT INTO items VALUES (3)');
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await ids()).toEqual([]);
    expectAllReturned(Math.max(before, 1));
  });

  it('rolls back when a statement fails', async () => {
    await expect(
      withTransaction(pool, async (client) => {
        await client.query('INSERT INTO items VALUES (4)');
        await client.query('INSERT INTO items VALUES (4)');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await ids()).toEqual([]);
    expectAllReturned(pool.totalCount);
  });

  it('READ ONLY makes the server refuse a write', async () => {
    await expect(withTransaction(pool, (client) => client.query('INSERT INTO items VALUES (5)'), { readOnly: true })).rejects.toMatchObject(
      { code: '25006' },
    );
    expect(await ids()).toEqual([]);
    expectAllReturned(pool.totalCount);
    // A read-only transaction still reads.
    await pool.query('INSERT INTO items VALUES (6)');
    expect(
      await withTransaction(pool, async (client) => (await client.query('SELECT count(*)::int AS n FROM items')).rows[0], {
        readOnly: true,
      }),
    ).toEqual({ n: 1 });
  });

  it('REPEATABLE READ keeps one snapshot for the whole transaction', async () => {
    const seen = await withTransaction(
      pool,
      async (client) => {
        const level = (await client.query<{ transaction_isolation: string }>('SHOW transaction_isolation')).rows[0]?.transaction_isolation;
        const readOnly = (await client.query<{ transaction_read_only: string }>('SHOW transaction_read_only')).rows[0]
          ?.transaction_read_only;
        const first = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM items')).rows[0]?.n;
        // Committed by someone else in between: invisible to this snapshot.
        const other = new pg.Client({ connectionString: db.url });
        await other.connect();
        await other.query('INSERT INTO items VALUES (7)').finally(() => other.end());
        const second = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM items')).rows[0]?.n;
        return { level, readOnly, first, second };
      },
      { isolation: 'repeatable read', readOnly: true },
    );
    expect(seen).toEqual({ level: 'repeatable read', readOnly: 'on', first: 0, second: 0 });
    expect(await ids()).toEqual([7]);
  });

  it('closes the connection instead of returning it when ROLLBACK itself fails', async () => {
    // A client-side timeout leaves the connection busy with the slow statement, so the ROLLBACK
    // queued behind it times out too. pg still calls such a connection queryable: handed back,
    // the next caller's statements would wait behind the sleep.
    const impatient = new pg.Pool({ connectionString: db.url, max: 2, query_timeout: 300 });
    impatient.on('error', () => undefined);
    try {
      await Promise.all([0, 1].map(() => withTransaction(impatient, (c) => c.query('SELECT pg_sleep(0.05)'))));
      expect([impatient.totalCount, impatient.idleCount]).toEqual([2, 2]);
      await expect(
        withTransaction(impatient, async (client) => {
          await client.query('INSERT INTO items VALUES (8)');
          await client.query('SELECT pg_sleep(1)');
        }),
      ).rejects.toThrow(/timeout/i);
      expect([impatient.totalCount, impatient.idleCount]).toEqual([1, 1]);
    } finally {
      await impatient.end();
    }
    expect(await ids()).toEqual([]);
  });

  it('closes the connection after a failure discardOn accepts, and only then', async () => {
    await Promise.all([
      withTransaction(pool, (c) => c.query('SELECT pg_sleep(0.05)')),
      withTransaction(pool, (c) => c.query('SELECT pg_sleep(0.05)')),
    ]);
    expectAllReturned(2);
    const dataErrorsOnly = { discardOn: (error: unknown) => (error as { code?: string }).code !== '23505' };
    await expect(withTransaction(pool, (c) => c.query('INSERT INTO items VALUES (9), (9)'), dataErrorsOnly)).rejects.toMatchObject({
      code: '23505',
    });
    expectAllReturned(2);
    await expect(
      withTransaction(
        pool,
        async () => {
          throw new Error('not a data error');
        },
        dataErrorsOnly,
      ),
    ).rejects.toThrow('not a data error');
    expectAllReturned(1);
  });

  it('runs on a client the caller holds, and leaves it open and usable', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await withTransaction(client, async (tx) => {
        await tx.query('INSERT INTO items VALUES (10)');
      });
      await expect(
        withTransaction(client, async (tx) => {
          await tx.query('INSERT INTO items VALUES (11)');
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      // Back outside any transaction: this autocommits, so it survives the client's end below.
      await client.query('INSERT INTO items VALUES (12)');
    } finally {
      await client.end();
    }
    expect(await ids()).toEqual([10, 12]);
  });
});
