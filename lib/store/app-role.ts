// The embedded store's application role. The dashboard and the collectors connect as
// `truthflow_app`, not as the server's superuser: a SQL injection or a stolen DATABASE_URL then
// cannot read server files, run programs (COPY … PROGRAM), change server settings or make roles.
// It owns Truthflow's database (so migrations and daily partitions work) and may create databases
// (the demo shop's lives on the same server); nothing more. Its password is generated once and
// kept beside the data directory, readable by this user only (0600); the superuser is used here,
// at start, and for nothing else.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { quoteIdent } from '../sql/identifiers';

export const APP_ROLE = 'truthflow_app';

/** `.truthflow/pg` keeps its app password in `.truthflow/pg.app-password`: one per server. */
export const appPasswordFile = (dataDir: string) => `${dataDir}.app-password`;

export function appPassword(file: string): string {
  const stored = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  const password = /^[A-Za-z0-9_-]{24,}$/.test(stored) ? stored : randomBytes(24).toString('base64url');
  if (password !== stored) writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // an older file, or one restored from a backup, may have been readable
  return password;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// Objects a superuser-era store created (before this role existed) move to the app role, so it
// can keep migrating and partitioning them. Sequences owned by a column follow their table.
const TAKE_OVER = `
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT c.oid::regclass AS name,
           CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> '${APP_ROLE}'::regrole
      AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO ${APP_ROLE}', r.kind, r.name);
  END LOOP;
  FOR r IN
    SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.proowner <> '${APP_ROLE}'::regrole
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO ${APP_ROLE}', r.name);
  END LOOP;
  FOR r IN
    SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND t.typowner <> '${APP_ROLE}'::regrole
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO ${APP_ROLE}', r.name);
  END LOOP;
END $$`;

/** Creates or updates the role, hands it `database`, and returns the URL the app should use. */
export async function ensureAppRole(adminUrl: string, database: string, passwordFile: string): Promise<string> {
  const password = appPassword(passwordFile);
  const server = new URL(adminUrl);
  server.pathname = '/postgres';
  await withClient(server.toString(), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    const attributes = `LOGIN NOSUPERUSER CREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${client.escapeLiteral(password)}`;
    await client.query(`${rowCount === 0 ? 'CREATE' : 'ALTER'} ROLE ${quoteIdent(APP_ROLE)} WITH ${attributes}`);
    await client.query(`ALTER DATABASE ${quoteIdent(database)} OWNER TO ${quoteIdent(APP_ROLE)}`);
  });
  const inDatabase = new URL(adminUrl);
  inDatabase.pathname = `/${database}`;
  await withClient(inDatabase.toString(), async (client) => {
    await client.query(`ALTER SCHEMA public OWNER TO ${quoteIdent(APP_ROLE)}`);
    await client.query(TAKE_OVER);
  });
  const app = new URL(adminUrl);
  app.username = APP_ROLE;
  app.password = password;
  app.pathname = `/${database}`;
  return app.toString();
}
