// series: one row per (metric, label set). Ingest resolves ids in one round trip per batch and
// caches them, so steady-state sample writes never touch this table.
import type pg from 'pg';
import { storePool } from '../pool';

export interface SeriesKey {
  metric: string;
  labels: Record<string, string>;
}

/** Canonical cache key: label order must not create a second series. */
export function seriesKeyOf({ metric, labels }: SeriesKey): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => [k, labels[k]]);
  return `${metric}${JSON.stringify(sorted)}`;
}

/** Ids for every key, creating missing series. `client` lets the caller reuse a connection. */
export async function resolveSeriesIds(keys: SeriesKey[], client: pg.Pool | pg.PoolClient = storePool()): Promise<Map<string, string>> {
  const unique = new Map(keys.map((k) => [seriesKeyOf(k), k]));
  if (unique.size === 0) return new Map();
  const metrics = [...unique.values()].map((k) => k.metric);
  const labels = [...unique.values()].map((k) => JSON.stringify(k.labels));
  // DO UPDATE (a no-op) instead of DO NOTHING so existing rows come back in RETURNING too.
  const { rows } = await client.query<{ id: string; metric: string; labels: Record<string, string> }>(
    `INSERT INTO series (metric, labels)
     SELECT * FROM unnest($1::text[], $2::jsonb[])
     ON CONFLICT (metric, labels) DO UPDATE SET metric = EXCLUDED.metric
     RETURNING id, metric, labels`,
    [metrics, labels],
  );
  return new Map(rows.map((r) => [seriesKeyOf({ metric: r.metric, labels: r.labels }), r.id]));
}

/**
 * Retention: deletes up to `batchSize` series created before `cutoff` that have no sample since
 * it, and returns their cache keys so the sink forgets their ids. A series seen again later is
 * simply created anew.
 */
export async function pruneSeriesWithoutSamplesSince(cutoff: Date, batchSize: number): Promise<string[]> {
  const { rows } = await storePool().query<{ metric: string; labels: Record<string, string> }>(
    `DELETE FROM series WHERE id IN (
       SELECT s.id FROM series s
        WHERE s.created_at < $1
          AND NOT EXISTS (SELECT 1 FROM samples p WHERE p.series_id = s.id AND p.ts >= $1)
        LIMIT $2)
     RETURNING metric, labels`,
    [cutoff, batchSize],
  );
  return rows.map(seriesKeyOf);
}
