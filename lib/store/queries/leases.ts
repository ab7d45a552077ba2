// Advisory-lock leases: which collectors process owns which (collector, target). Session-level
// locks die with their connection, so a killed process frees its work without any cleanup.
import pg from 'pg';
import { storeUrl } from '../pool';

// First half of the two-int advisory lock key: keeps our locks apart from anyone else's.
const LEASE_NAMESPACE = 'truthflow.collector-lease';

export interface LeaseConnection {
  tryLock(key: string): Promise<boolean>;
  unlock(key: string): Promise<void>;
  close(): Promise<void>;
  readonly alive: boolean;
}

/** One dedicated connection (not the pool: a pooled connection could carry our locks to another caller). */
export async function openLeaseConnection(): Promise<LeaseConnection> {
  const client = new pg.Client({ connectionString: storeUrl(), application_name: 'truthflow-leases', connectionTimeoutMillis: 5_000 });
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
    async close() {
      alive = false;
      await client.end().catch(() => undefined);
    },
  };
}
