// slo_slices: one row per feature, SLO and minute; budgets and burn rates are counts over them.
import { storePool } from '../pool';
import type { Slice } from '../../slo/slices';

export async function lastSliceStart(feature: string, slo: string): Promise<Date | null> {
  const { rows } = await storePool().query<{ last: Date | null }>(
    'SELECT max(slice_start) AS last FROM slo_slices WHERE feature = $1 AND slo = $2',
    [feature, slo],
  );
  return rows[0]?.last ?? null;
}

export async function upsertSlices(feature: string, slo: string, slices: Slice[]): Promise<void> {
  if (slices.length === 0) return;
  await storePool().query(
    `INSERT INTO slo_slices (feature, slo, slice_start, good, no_data, sli_value)
     SELECT $1, $2, * FROM unnest($3::timestamptz[], $4::boolean[], $5::boolean[], $6::float8[])
     ON CONFLICT (feature, slo, slice_start) DO UPDATE
       SET good = EXCLUDED.good, no_data = EXCLUDED.no_data, sli_value = EXCLUDED.sli_value`,
    [feature, slo, slices.map((s) => s.start), slices.map((s) => s.good), slices.map((s) => s.noData), slices.map((s) => s.value)],
  );
}

/** bad/total slice counts for each window (seconds), in one query. */
export async function sliceCounts(feature: string, slo: string, windowsSeconds: number[], now: Date): Promise<Map<number, { bad: number; total: number }>> {
  const { rows } = await storePool().query<{ window_seconds: number; bad: number; total: number }>(
    `SELECT w.window_seconds,
            count(*) FILTER (WHERE NOT s.good)::int AS bad,
            count(s.slice_start)::int AS total
       FROM unnest($3::int[]) AS w(window_seconds)
       LEFT JOIN slo_slices s
         ON s.feature = $1 AND s.slo = $2 AND s.slice_start >= $4::timestamptz - make_interval(secs => w.window_seconds)
      GROUP BY w.window_seconds`,
    [feature, slo, windowsSeconds, now],
  );
  return new Map(rows.map((r) => [r.window_seconds, { bad: r.bad, total: r.total }]));
}

/** Retention: slices older than the longest SLO period are no longer needed. */
export async function deleteSlicesBefore(cutoff: Date): Promise<number> {
  const result = await storePool().query('DELETE FROM slo_slices WHERE slice_start < $1', [cutoff]);
  return result.rowCount ?? 0;
}
