// samples: the time-series points. Written in batches with one multi-row statement (unnest), never
// a row per query; the table is partitioned by day (see the init migration).
import type pg from 'pg';
import { withTransaction } from '../../sql/transaction';
import { storePool } from '../pool';

export interface SampleRow {
  seriesId: string;
  ts: Date;
  value: number;
}

/** Inserts the batch; a repeated (series, ts) keeps the first value (retries must not duplicate). */
export async function insertSamples(rows: SampleRow[], client: pg.Pool | pg.PoolClient = storePool()): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await client.query(
    `INSERT INTO samples (series_id, ts, value)
     SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::float8[])
     ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.seriesId), rows.map((r) => r.ts), rows.map((r) => r.value)],
  );
  return result.rowCount ?? 0;
}

/** Creates the daily partitions around today; the collectors process calls it at start and daily. */
export async function ensureSamplePartitions(daysAhead = 7): Promise<number> {
  const { rows } = await storePool().query<{ created: number }>('SELECT truthflow_ensure_sample_partitions(1, $1) AS created', [daysAhead]);
  return rows[0]?.created ?? 0;
}

/** Creates the daily partitions from `from`'s day to `to`'s day (UTC) inclusive; the retention job creates ahead with its own clock. */
export async function ensureSamplePartitionsBetween(from: Date, to: Date): Promise<number> {
  const { rows } = await storePool().query<{ created: number }>(
    'SELECT truthflow_ensure_sample_partitions_between($1::date, $2::date) AS created',
    [from.toISOString().slice(0, 10), to.toISOString().slice(0, 10)],
  );
  return rows[0]?.created ?? 0;
}

const DAILY_PARTITION = /^samples_(\d{4})(\d{2})(\d{2})$/;

/** The daily partitions whose whole day lies before `cutoff`, oldest first (by their name: samples_YYYYMMDD). */
export async function samplePartitionsBefore(cutoff: Date): Promise<string[]> {
  const { rows } = await storePool().query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'samples'::regclass ORDER BY c.relname`,
  );
  return rows
    .map((r) => r.name)
    .filter((name) => {
      const m = DAILY_PARTITION.exec(name);
      return m !== null && Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1) <= cutoff.getTime();
    });
}

/**
 * Drops one daily partition: instant, and gives the disk back, unlike deleting its rows. Dropping
 * locks the whole samples table; a long read holding it must not queue every insert behind the
 * drop, so the lock is waited for briefly and the drop otherwise left to the next pass.
 */
export async function dropSamplePartition(name: string): Promise<void> {
  if (!DAILY_PARTITION.test(name)) throw new Error(`not a daily sample partition: ${name}`);
  await withTransaction(storePool(), async (client) => {
    await client.query("SET LOCAL lock_timeout = '2s'");
    await client.query(`DROP TABLE IF EXISTS "${name}"`);
  });
}

/** Rows older than `cutoff` that landed in the default partition (no daily one existed), at most `batchSize` per call. */
export async function deleteDefaultPartitionSamplesBefore(cutoff: Date, batchSize: number): Promise<number> {
  const result = await storePool().query(
    `DELETE FROM samples_default WHERE ctid = ANY (ARRAY(SELECT ctid FROM samples_default WHERE ts < $1 LIMIT $2))`,
    [cutoff, batchSize],
  );
  return result.rowCount ?? 0;
}
