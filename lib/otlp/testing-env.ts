// Integration-test set-up for the receiver and the order lookup: a migrated scratch store, the test
// config (lib/otlp/fixtures/receiver.yaml) and its token, set in the environment before the first
// request so the route's lazily created pool and config pick them up.
import path from 'node:path';
import pg from 'pg';
import { closeStorePool } from '@/lib/store/pool';
import { migrate } from '@/lib/store/migrate';
import { createScratchDatabase, type ScratchDatabase } from '@/lib/testing/scratch-db';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

export interface ReceiverEnv {
  db: ScratchDatabase;
  /** A separate client for assertions. */
  sql: pg.Client;
  /** `table` is a constant of the test (optionally with an alias), never input. */
  count(table: string, where?: string, values?: unknown[]): Promise<number>;
  close(): Promise<void>;
}

export async function receiverEnv(prefix: string, env: Record<string, string> = {}): Promise<ReceiverEnv> {
  const db = await createScratchDatabase(prefix);
  await migrate(db.url);
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    TRUTHFLOW_CONFIG: path.resolve('lib/otlp/fixtures/receiver.yaml'),
    TF_TEST_TRACES_TOKEN: TEST_TOKEN,
    ...env,
  });
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  return {
    db,
    sql,
    async count(table, where = 'true', values = []) {
      const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, values);
      return Number(rows[0]!.n);
    },
    async close() {
      await sql.end();
      await closeStorePool();
      await db.drop();
    },
  };
}

export const auth = { authorization: `Bearer ${TEST_TOKEN}` };

export function post(body: BodyInit, headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1/v1/traces', { method: 'POST', body, headers: { ...auth, ...headers } });
}
