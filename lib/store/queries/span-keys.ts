// span_keys: the business-key index (order_id = "A-1001" → the spans carrying it). The primary key
// starts with key_value, so a pasted order id is a point lookup however many spans are stored.
import type pg from 'pg';
import { storePool } from '../pool';

export interface SpanKeyRow {
  keyName: string;
  keyValue: string;
  traceId: string;
  spanId: string;
  /** The span's start, microseconds since the epoch. */
  tsUs: number;
}

type Db = pg.Pool | pg.PoolClient | pg.Client;

/** Inserts the batch; repeats (a retried export, the same key twice) are ignored. */
export async function insertSpanKeys(rows: readonly SpanKeyRow[], db: Db = storePool()): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO span_keys (key_name, key_value, trace_id, span_id, ts)
     SELECT kn, kv, t, s, timestamptz 'epoch' + us * interval '1 microsecond'
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[]) AS u(kn, kv, t, s, us)
     ON CONFLICT DO NOTHING`,
    [
      rows.map((r) => r.keyName),
      rows.map((r) => r.keyValue),
      rows.map((r) => r.traceId),
      rows.map((r) => r.spanId),
      rows.map((r) => r.tsUs),
    ],
  );
  return result.rowCount ?? 0;
}

export interface KeyHit {
  keyName: string;
  traceId: string;
  spanId: string;
}

/** $1 value, $2 key names, $3 rows at most: an index range on span_keys_pkey (key_value leads it). */
export const FIND_KEY_HITS = `
SELECT key_name AS "keyName", trace_id AS "traceId", span_id AS "spanId"
  FROM span_keys WHERE key_value = $1 AND key_name = ANY($2::text[])
 LIMIT $3`;

/**
 * The spans carrying `value` under one of `keyNames`. Bound parameters only: whatever was pasted
 * is compared, never interpreted. At most `limit` hits (an id shared by millions is not an order).
 */
export async function findKeyHits(value: string, keyNames: readonly string[], limit: number, db: Db = storePool()): Promise<KeyHit[]> {
  const { rows } = await db.query<KeyHit>(FIND_KEY_HITS, [value, keyNames, limit]);
  return rows;
}
