// slo_slices: one row per feature, SLO and minute; budgets and burn rates are counts over them.
import { storePool } from '../pool';
import type { Slice } from '../../slo/slices';

/** The first and last slice stored for one SLO; both null before its first slice. */
export async function sliceSpan(feature: string, slo: string): Promise<{ first: Date | null; last: Date | null }> {
  const { rows } = await storePool().query<{ first: Date | null; last: Date | null }>(
    'SELECT min(slice_start) AS first, max(slice_start) AS last FROM slo_slices WHERE feature = $1 AND slo = $2',
    [feature, slo],
  );
  return rows[0] ?? { first: null, last: null };
}

export async function upsertSlices(feature: string, slo: string, slices: Slice[]): Promise<void> {
  if (slices.length === 0) return;
  await storePool().query(
    `INSERT INTO slo_slices (feature, slo, slice_start, good, no_data, sli_value, observed, reason)
     SELECT $1, $2, * FROM unnest($3::timestamptz[], $4::boolean[], $5::boolean[], $6::float8[], $7::boolean[], $8::text[])
     ON CONFLICT (feature, slo, slice_start) DO UPDATE
       SET good = EXCLUDED.good, no_data = EXCLUDED.no_data, sli_value = EXCLUDED.sli_value,
           observed = EXCLUDED.observed, reason = EXCLUDED.reason`,
    [
      feature,
      slo,
      slices.map((s) => s.start),
      slices.map((s) => s.good),
      slices.map((s) => s.noData),
      slices.map((s) => s.value),
      slices.map((s) => s.observed),
      slices.map((s) => s.reason),
    ],
  );
}

/** bad/total slice counts for each window (seconds), in one query; minutes not observed count neither way. */
export async function sliceCounts(
  feature: string,
  slo: string,
  windowsSeconds: number[],
  now: Date,
): Promise<Map<number, { bad: number; total: number }>> {
  const { rows } = await storePool().query<{ window_seconds: number; bad: number; total: number }>(
    `SELECT w.window_seconds,
            count(*) FILTER (WHERE NOT s.good AND s.observed)::int AS bad,
            count(s.slice_start) FILTER (WHERE s.observed)::int AS total
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

/**
 * SLI chart points from the one-minute slices (each holds the worst reading of its minute), for
 * ranges whose buckets are a minute or longer: 7 days are 10,080 slice rows per SLO, read in key
 * order, instead of ~40,000 samples per series scattered over a week of partitions.
 */
export async function sliceBuckets(
  feature: string,
  from: Date,
  to: Date,
  bucketSeconds: number,
): Promise<Map<string, { t: number; v: number }[]>> {
  const { rows } = await storePool().query<{ slo: string; t: number; v: number }>(
    `SELECT slo,
            (extract(epoch FROM date_bin(make_interval(secs => $4::int), slice_start, TIMESTAMPTZ 'epoch')) * 1000)::float8 AS t,
            max(sli_value) AS v
       FROM slo_slices
      WHERE feature = $1 AND slice_start >= $2 AND slice_start < $3 AND sli_value IS NOT NULL
      GROUP BY slo, 2
      ORDER BY slo, 2`,
    [feature, from, to, Math.max(60, Math.round(bucketSeconds))],
  );
  const bySlo = new Map<string, { t: number; v: number }[]>();
  for (const r of rows) {
    const points = bySlo.get(r.slo);
    if (points) points.push({ t: r.t, v: r.v });
    else bySlo.set(r.slo, [{ t: r.t, v: r.v }]);
  }
  return bySlo;
}

/** Retention in bounded batches: at most `batchSize` slices older than `cutoff` per call (index on slice_start). */
export async function deleteSlicesBeforeBatch(cutoff: Date, batchSize: number): Promise<number> {
  const result = await storePool().query(
    'DELETE FROM slo_slices WHERE ctid = ANY (ARRAY(SELECT ctid FROM slo_slices WHERE slice_start < $1 LIMIT $2))',
    [cutoff, batchSize],
  );
  return result.rowCount ?? 0;
}

/**
 * Runs of consecutive minutes in which Truthflow was not observing a feature's SLOs, oldest first:
 * the charts draw them as labelled gaps rather than as the monitored system's silence.
 */
export async function notObservedRanges(feature: string, from: Date, to: Date): Promise<{ from: Date; to: Date }[]> {
  const { rows } = await storePool().query<{ from: Date; to: Date }>(
    `WITH gaps AS (
       SELECT DISTINCT slice_start FROM slo_slices
        WHERE feature = $1 AND slice_start >= $2 AND slice_start < $3 AND NOT observed
     ), runs AS (
       SELECT slice_start, slice_start - make_interval(mins => (row_number() OVER (ORDER BY slice_start))::int) AS run FROM gaps
     )
     SELECT min(slice_start) AS "from", max(slice_start) + interval '1 minute' AS "to" FROM runs GROUP BY run ORDER BY 1 LIMIT 200`,
    [feature, from, to],
  );
  return rows;
}
