// Chart reads of samples: bucketed in the store with date_bin, so a chart never pulls raw points.
// Bounded three ways: the time range (capped), the number of series, and points per series
// (range ÷ bucket). The time bound also lets Postgres prune the daily partitions of `samples`.
import { storePool } from '../pool';

/** Longest range any chart may ask for. */
export const MAX_CHART_RANGE_SECONDS = 31 * 86_400;
export const MAX_CHART_SERIES = 500;

export interface BucketQuery {
  metric: string;
  /** Series whose labels contain all of these. */
  labels: Record<string, string>;
  from: Date;
  to: Date;
  bucketSeconds: number;
  maxSeries?: number;
}

export interface BucketedSeries {
  labels: Record<string, string>;
  /** Bucket start (epoch ms) → worst (max) value in it: for lag and age SLIs a spike must not be averaged away. */
  points: { t: number; v: number }[];
}

export async function bucketedSeries(q: BucketQuery): Promise<BucketedSeries[]> {
  const from = new Date(Math.max(q.from.getTime(), q.to.getTime() - MAX_CHART_RANGE_SECONDS * 1000));
  const bucket = Math.max(1, Math.round(q.bucketSeconds));
  const { rows } = await storePool().query<{ id: string; labels: Record<string, string>; t: number; v: number }>(
    `SELECT s.id, s.labels,
            (extract(epoch FROM date_bin(make_interval(secs => $5::int), p.ts, TIMESTAMPTZ 'epoch')) * 1000)::float8 AS t,
            max(p.value) AS v
       FROM (SELECT id, labels FROM series WHERE metric = $1 AND labels @> $2::jsonb ORDER BY id LIMIT $6) s
       JOIN samples p ON p.series_id = s.id AND p.ts >= $3 AND p.ts < $4
      GROUP BY s.id, s.labels, 3
      ORDER BY s.id, 3`,
    [q.metric, JSON.stringify(q.labels), from, q.to, bucket, Math.min(q.maxSeries ?? MAX_CHART_SERIES, MAX_CHART_SERIES)],
  );
  const byId = new Map<string, BucketedSeries>();
  for (const row of rows) {
    let series = byId.get(row.id);
    if (!series) byId.set(row.id, (series = { labels: row.labels, points: [] }));
    series.points.push({ t: row.t, v: row.v });
  }
  return [...byId.values()];
}
