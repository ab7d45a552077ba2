// Reads of samples for SLO evaluation: the newest reading of every series matching a selector,
// and the points of one series over a time range. Both bounded by time, so partitions are pruned.
import { storePool } from '../pool';

export interface SeriesSelector {
  metric: string;
  /** Series whose labels contain all of these. */
  labels: Record<string, string>;
  /** …and none of these label names (e.g. the per-aggregate-type breakdown of a total). */
  withoutLabels?: string[];
}

export interface Reading {
  labels: Record<string, string>;
  ts: Date;
  value: number;
}

export async function newestReadings(selector: SeriesSelector, since: Date): Promise<Reading[]> {
  const { rows } = await storePool().query<Reading>(
    `SELECT s.labels, p.ts, p.value
       FROM series s
       JOIN LATERAL (SELECT ts, value FROM samples WHERE series_id = s.id AND ts > $3 ORDER BY ts DESC LIMIT 1) p ON true
      WHERE s.metric = $1 AND s.labels @> $2::jsonb AND NOT (s.labels ?| $4::text[])`,
    [selector.metric, JSON.stringify(selector.labels), since, selector.withoutLabels ?? []],
  );
  return rows;
}

export async function seriesPoints(metric: string, labels: Record<string, string>, from: Date, to: Date): Promise<{ ts: Date; value: number }[]> {
  const { rows } = await storePool().query<{ ts: Date; value: number }>(
    `SELECT p.ts, p.value FROM series s JOIN samples p ON p.series_id = s.id
      WHERE s.metric = $1 AND s.labels = $2::jsonb AND p.ts >= $3 AND p.ts < $4
      ORDER BY p.ts`,
    [metric, JSON.stringify(labels), from, to],
  );
  return rows;
}
