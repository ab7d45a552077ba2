// Window aggregates of samples per series: how many DLQ messages of each error class arrived in
// the last hour, the mean write-rejection rate of a node. Bounded like the chart reads: the time
// range is capped (which also prunes the daily partitions) and so is the number of series.
import { storePool } from '../pool';

export const MAX_TOTALS_RANGE_SECONDS = 7 * 86_400;
export const MAX_TOTALS_SERIES = 200;

export interface TotalsQuery {
  metric: string;
  /** Series whose labels contain all of these. */
  labels: Record<string, string>;
  from: Date;
  to: Date;
  maxSeries?: number;
}

export interface SeriesTotal {
  labels: Record<string, string>;
  sum: number;
  mean: number;
  /** Samples in the window: a rate's mean over few samples says less than over many. */
  samples: number;
  /** Newest sample in the window. */
  lastAt: Date;
}

interface SeriesTotalRowDb {
  labels: Record<string, string>;
  sum: number;
  mean: number;
  samples: number;
  last_at: Date;
}

function totalFromRow(row: SeriesTotalRowDb): SeriesTotal {
  return { labels: row.labels, sum: row.sum, mean: row.mean, samples: row.samples, lastAt: row.last_at };
}

export async function seriesTotals(q: TotalsQuery): Promise<SeriesTotal[]> {
  const from = new Date(Math.max(q.from.getTime(), q.to.getTime() - MAX_TOTALS_RANGE_SECONDS * 1000));
  const { rows } = await storePool().query<SeriesTotalRowDb>(
    `SELECT s.labels, sum(p.value)::float8 AS sum, avg(p.value)::float8 AS mean, count(*)::int AS samples, max(p.ts) AS last_at
       FROM (SELECT id, labels FROM series WHERE metric = $1 AND labels @> $2::jsonb ORDER BY id LIMIT $5) s
       JOIN samples p ON p.series_id = s.id AND p.ts >= $3 AND p.ts < $4
      GROUP BY s.id, s.labels
      ORDER BY sum DESC`,
    [q.metric, JSON.stringify(q.labels), from, q.to, Math.min(q.maxSeries ?? MAX_TOTALS_SERIES, MAX_TOTALS_SERIES)],
  );
  return rows.map(totalFromRow);
}
