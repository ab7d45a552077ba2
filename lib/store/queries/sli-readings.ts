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

export async function seriesPoints(
  metric: string,
  labels: Record<string, string>,
  from: Date,
  to: Date,
): Promise<{ ts: Date; value: number }[]> {
  const { rows } = await storePool().query<{ ts: Date; value: number }>(
    `SELECT p.ts, p.value FROM series s JOIN samples p ON p.series_id = s.id
      WHERE s.metric = $1 AND s.labels = $2::jsonb AND p.ts >= $3 AND p.ts < $4
      ORDER BY p.ts`,
    [metric, JSON.stringify(labels), from, to],
  );
  return rows;
}

/**
 * The newest reading of every series matching each selector, for many selectors in one round trip
 * (a feature page asks for a dozen). Result i holds selector i's readings.
 */
export async function newestForSelectors(selectors: SeriesSelector[], since: Date): Promise<Reading[][]> {
  if (selectors.length === 0) return [];
  const { rows } = await storePool().query<Reading & { i: string }>(
    `SELECT sel.i, s.labels, p.ts, p.value
       FROM unnest($1::text[], $2::jsonb[], $3::jsonb[]) WITH ORDINALITY AS sel(metric, labels, without, i)
       JOIN series s ON s.metric = sel.metric AND s.labels @> sel.labels
                    AND NOT (s.labels ?| ARRAY(SELECT jsonb_array_elements_text(sel.without)))
       JOIN LATERAL (SELECT ts, value FROM samples WHERE series_id = s.id AND ts > $4 ORDER BY ts DESC LIMIT 1) p ON true`,
    [
      selectors.map((s) => s.metric),
      selectors.map((s) => JSON.stringify(s.labels)),
      selectors.map((s) => JSON.stringify(s.withoutLabels ?? [])),
      since,
    ],
  );
  const out: Reading[][] = selectors.map(() => []);
  for (const { i, ...reading } of rows) out[Number(i) - 1]?.push(reading);
  return out;
}

/** Every reading since `since` of every series matching the selector, oldest first (trend checks). */
export async function recentReadings(selector: SeriesSelector, since: Date): Promise<Reading[]> {
  const { rows } = await storePool().query<Reading>(
    `SELECT s.labels, p.ts, p.value
       FROM series s JOIN samples p ON p.series_id = s.id
      WHERE s.metric = $1 AND s.labels @> $2::jsonb AND NOT (s.labels ?| $4::text[]) AND p.ts > $3
      ORDER BY p.ts
      LIMIT 2000`,
    [selector.metric, JSON.stringify(selector.labels), since, selector.withoutLabels ?? []],
  );
  return rows;
}
