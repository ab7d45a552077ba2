// Span retention: spans older than a cutoff go, with the rows that exist only because of them
// (their business keys in span_keys, their reverse links in span_links). In batches, each its own
// short statement, so that a retention run never holds locks or a snapshot long enough to stall
// ingest or bloat the tables it is cleaning.
import type pg from 'pg';

type Db = pg.Pool | pg.PoolClient | pg.Client;

export interface SpansDeleted {
  spans: number;
  spanKeys: number;
  spanLinks: number;
}

// One statement per batch, so a batch's three deletes commit together: a lookup never finds a key
// or a link whose span is gone, nor the reverse. The batch is read oldest first from
// spans_start_time_idx (an index range below the cutoff); the dependents are found by the span's
// id through the trace_id indexes of span_keys and span_links. SKIP LOCKED: two retention runs at
// once take different batches instead of waiting on each other.
const DELETE_BATCH = `
WITH doomed AS MATERIALIZED (
  SELECT trace_id, span_id FROM spans WHERE start_time < $1 ORDER BY start_time LIMIT $2 FOR UPDATE SKIP LOCKED
), keys AS (
  DELETE FROM span_keys k USING doomed d WHERE k.trace_id = d.trace_id AND k.span_id = d.span_id RETURNING 1
), links AS (
  DELETE FROM span_links l USING doomed d WHERE l.trace_id = d.trace_id AND l.span_id = d.span_id RETURNING 1
), gone AS (
  DELETE FROM spans s USING doomed d WHERE s.trace_id = d.trace_id AND s.span_id = d.span_id RETURNING 1
)
SELECT (SELECT count(*) FROM gone)::int AS spans, (SELECT count(*) FROM keys)::int AS "spanKeys",
       (SELECT count(*) FROM links)::int AS "spanLinks"`;

/**
 * Deletes every span that started before `cutoff`, with its span_keys and span_links rows, at most
 * `batchSize` spans per statement, until none is left. Returns the rows deleted across the three
 * tables; `onBatch` hears each batch's split by table (for a log line or a metric).
 */
export async function deleteSpansBefore(db: Db, cutoff: Date, batchSize: number, onBatch?: (batch: SpansDeleted) => void): Promise<number> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, not ${batchSize}`);
  let deleted = 0;
  for (;;) {
    const { rows } = await db.query<SpansDeleted>(DELETE_BATCH, [cutoff, batchSize]);
    const batch = rows[0]!;
    onBatch?.(batch);
    deleted += batch.spans + batch.spanKeys + batch.spanLinks;
    // A short batch means nothing older was left (or the rest is locked by another run's batch).
    if (batch.spans < batchSize) return deleted;
  }
}
