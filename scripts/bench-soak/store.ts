// The soak's own store: an embedded PostgreSQL (the one `npm start` runs when there is no
// DATABASE_URL) on a fixed port of the bench's, in a fresh data dir under .truthflow/bench-soak/.
// It is the bench's own server, so the bench may stop it for the store outage and start it again;
// no other server is ever stopped.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedStore, type EmbeddedStore } from '@/lib/store/embedded';
import { migrate } from '@/lib/store/migrate';
import { closeStorePool, storePool } from '@/lib/store/pool';

export const SOAK_STORE_PORT = 54430;
const ROOT = path.resolve('.truthflow', 'bench-soak');

export interface SoakStore {
  url: string;
  dataDir: string;
  /** Stops the server (the outage begins). The pool's clients fail from here on. */
  stop(): Promise<void>;
  /** Starts the same server again on the same data dir and port. */
  start(): Promise<void>;
  /** Stops the server for good and removes its data dir. */
  remove(): Promise<void>;
}

export async function createSoakStore(log: (line: string) => void): Promise<SoakStore> {
  mkdirSync(ROOT, { recursive: true });
  const dataDir = mkdtempSync(path.join(ROOT, 'pg-'));
  // initdb runs as the postgres system user when we are root: it must be able to enter the dir.
  chmodSync(dataDir, 0o755);
  let server: EmbeddedStore | undefined = await startEmbeddedStore({ dataDir, port: SOAK_STORE_PORT, database: 'truthflow', log });
  // The embedded store keeps its app role's password beside the data dir.
  const removeFiles = () => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.app-password`, { force: true });
  };
  const url = server.url;
  try {
    if (!url.includes(`:${SOAK_STORE_PORT}/`)) throw new Error(`expected the soak store on port ${SOAK_STORE_PORT}, got ${url}`);
    await migrate(url);
    // The soak measures Truthflow, not this machine's fsync: commits need not wait for the disk
    // (a crash could lose the last few hundred ms; nothing else changes). A database setting, so
    // every pool connection gets it, and it survives the outage's restart.
    await withClient(url, (client) => client.query('ALTER DATABASE truthflow SET synchronous_commit = off'));
  } catch (error) {
    await server.stop();
    removeFiles();
    throw error;
  }
  process.env.DATABASE_URL = url;
  return {
    url,
    dataDir,
    stop: async () => {
      await server?.stop();
      server = undefined;
    },
    start: async () => {
      server = await startEmbeddedStore({ dataDir, port: SOAK_STORE_PORT, database: 'truthflow', log });
    },
    remove: async () => {
      await closeStorePool().catch(() => undefined);
      await server?.stop();
      server = undefined;
      removeFiles();
    },
  };
}

export interface StoreFigures {
  bytes: number;
  samples: number;
  series: number;
  slices: number;
  spans: number;
  spanKeys: number;
  alerts: number;
  deliveries: number;
  partitions: number;
  /** The biggest relations (tables with their indexes and TOAST; sample partitions as one). */
  relations: Record<string, number>;
}

/** What the store holds right now: its size on disk and the row counts retention must bound. */
export async function storeFigures(): Promise<StoreFigures> {
  const { rows } = await storePool().query<Omit<StoreFigures, 'relations'>>(
    `SELECT pg_database_size(current_database())::float8 AS bytes,
            (SELECT count(*) FROM samples)::int AS samples,
            (SELECT count(*) FROM series)::int AS series,
            (SELECT count(*) FROM slo_slices)::int AS slices,
            (SELECT count(*) FROM spans)::int AS spans,
            (SELECT count(*) FROM span_keys)::int AS "spanKeys",
            (SELECT count(*) FROM alerts)::int AS alerts,
            (SELECT count(*) FROM alert_deliveries)::int AS deliveries,
            (SELECT count(*) FROM pg_inherits WHERE inhparent = 'samples'::regclass)::int AS partitions`,
  );
  const { rows: relations } = await storePool().query<{ name: string; bytes: number }>(
    `SELECT CASE WHEN c.relname ~ '^samples_' THEN 'samples (partitions)' ELSE c.relname END AS name,
            sum(pg_total_relation_size(c.oid))::float8 AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      GROUP BY 1 ORDER BY 2 DESC LIMIT 12`,
  );
  return { ...rows[0]!, relations: Object.fromEntries(relations.map((r) => [r.name, r.bytes])) };
}

/** A direct connection, outside the product's pool, for the bench's own bookkeeping reads. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
