// Advisory-lock leases: which collectors process owns which (collector, target). Session-level
// locks die with their connection, so a killed process frees its work without any cleanup.
import pg from 'pg';
import { storeUrl } from '../pool';

// First half of the two-int advisory lock key: keeps our locks apart from anyone else's.
const LEASE_NAMESPACE = 'truthflow.collector-lease';
/** Deadline of each lease query; the runner's tick waits on it before every run. */
export const LEASE_QUERY_TIMEOUT_MS = 5_000;
// Shared (not exclusive) locks marking which processes take part in a share of jobs (lag shards).
const SHARE_NAMESPACE = 'truthflow.lease-share';
// pg_locks shows the two int4 halves of the key as oids (unsigned).
const AS_OID = (param: string) => `(hashtext(${param})::bigint & 4294967295)::oid`;

export interface LeaseConnection {
  tryLock(key: string): Promise<boolean>;
  unlock(key: string): Promise<void>;
  /** Marks this session as taking part in `share`; held until the session ends. */
  joinShare(share: string): Promise<void>;
  /** Sessions taking part in `share` in this database: the processes its jobs are spread over. */
  shareMembers(share: string): Promise<number>;
  close(): Promise<void>;
  readonly alive: boolean;
}

/** One dedicated connection (not the pool: a pooled connection could carry our locks to another caller). */
export async function openLeaseConnection(): Promise<LeaseConnection> {
  const client = new pg.Client({
    connectionString: storeUrl(),
    application_name: 'truthflow-leases',
    connectionTimeoutMillis: 5_000,
    // A store that stops answering must not hold every job's tick: the lease question gets a deadline.
    query_timeout: LEASE_QUERY_TIMEOUT_MS,
    keepAlive: true,
  });
  let alive = true;
  client.on('error', () => {
    alive = false;
  });
  client.on('end', () => {
    alive = false;
  });
  await client.connect();
  return {
    get alive() {
      return alive;
    },
    async tryLock(key) {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [
        LEASE_NAMESPACE,
        key,
      ]);
      return rows[0]?.ok === true;
    },
    async unlock(key) {
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [LEASE_NAMESPACE, key]);
    },
    async joinShare(share) {
      await client.query('SELECT pg_advisory_lock_shared(hashtext($1), hashtext($2))', [SHARE_NAMESPACE, share]);
    },
    async shareMembers(share) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(DISTINCT pid)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND objsubid = 2 AND granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND classid = ${AS_OID('$1')} AND objid = ${AS_OID('$2')}`,
        [SHARE_NAMESPACE, share],
      );
      return rows[0]?.n ?? 1;
    },
    async close() {
      alive = false;
      await client.end().catch(() => undefined);
    },
  };
}
