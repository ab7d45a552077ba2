// samples: the time-series points. Written in batches with one multi-row statement (unnest), never
// a row per query; the table is partitioned by day (see the init migration).
import type pg from 'pg';
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
