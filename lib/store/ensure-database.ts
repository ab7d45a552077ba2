// Creates a database on a PostgreSQL server if it is missing: the embedded store's own database,
// and the demo shop's database beside it. Connects to the server's `postgres` database to do so.
import pg from 'pg';
import { quoteIdent } from '../sql/identifiers';

/** `serverUrl` may name any database on the server; only its host, port and credentials are used. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  } finally {
    await client.end();
  }
}
