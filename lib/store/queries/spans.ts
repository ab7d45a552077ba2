// spans: what the OTLP receiver stored. Written in batches with one unnest INSERT per batch (the
// ingest hot path); read by trace id (the primary key's prefix) and by reverse link for stitching.
import type pg from 'pg';
import { storePool } from '../pool';

/** The columns a span has both as written and as read. */
export interface SpanCore {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: number;
  serviceName: string;
  /** Microseconds since the epoch: timestamptz(6) holds exactly this much. */
  startUs: number;
  endUs: number;
  statusCode: number;
  statusMessage: string | null;
}

/** A span as the receiver writes it: JSON columns as text, ready for the unnest insert. */
export interface SpanRow extends SpanCore {
  stage: string;
  /** JSON text as JSON.stringify writes it (never a raw newline: the insert relies on that). */
  attributes: string;
  resource: string;
  events: string;
  links: string;
  /** Trace ids this span links to (deduplicated), for the reverse-link index. */
  linkedTraceIds: string[];
}

type Db = pg.Pool | pg.PoolClient | pg.Client;

// Link lists travel as comma-joined text: unnest would flatten a text[][] into one list. The jsonb
// columns travel as newline-joined JSON documents (JSON.stringify never writes a raw newline):
// cheaper on both ends than a jsonb[] literal, whose every quote must be escaped and unescaped.
const INSERT = `
INSERT INTO spans (trace_id, span_id, parent_span_id, name, kind, service_name, start_time, end_time,
                   status_code, status_message, stage, attributes, resource, events, links, linked_trace_ids)
SELECT t, s, p, n, k, svc,
       timestamptz 'epoch' + st * interval '1 microsecond', timestamptz 'epoch' + en * interval '1 microsecond',
       sc, sm, stg, a::jsonb, r::jsonb, e::jsonb, l::jsonb, string_to_array(lt, ',')
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int2[], $6::text[], $7::int8[], $8::int8[],
              $9::int2[], $10::text[], $11::text[],
              string_to_array($12, E'\\n'), string_to_array($13, E'\\n'), string_to_array($14, E'\\n'), string_to_array($15, E'\\n'),
              $16::text[])
       AS u(t, s, p, n, k, svc, st, en, sc, sm, stg, a, r, e, l, lt)
ON CONFLICT DO NOTHING`;

/** Inserts the batch; a span already stored (a retried export) is kept as first received. */
export async function insertSpans(rows: readonly SpanRow[], db: Db = storePool()): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <T>(f: (r: SpanRow) => T) => rows.map(f);
  const result = await db.query(INSERT, [
    col((r) => r.traceId),
    col((r) => r.spanId),
    col((r) => r.parentSpanId),
    col((r) => r.name),
    col((r) => r.kind),
    col((r) => r.serviceName),
    col((r) => r.startUs),
    col((r) => r.endUs),
    col((r) => r.statusCode),
    col((r) => r.statusMessage),
    col((r) => r.stage),
    col((r) => r.attributes).join('\n'),
    col((r) => r.resource).join('\n'),
    col((r) => r.events).join('\n'),
    col((r) => r.links).join('\n'),
    col((r) => r.linkedTraceIds.join(',')),
  ]);
  return result.rowCount ?? 0;
}

/** A span as read back: JSON columns parsed. */
export interface StoredSpan extends SpanCore {
  stage: string | null;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  events: unknown[];
  links: { traceId: string; spanId: string; attributes?: Record<string, unknown> }[];
  linkedTraceIds: string[];
}

const SELECT = `
SELECT trace_id AS "traceId", span_id AS "spanId", parent_span_id AS "parentSpanId", name, kind,
       service_name AS "serviceName",
       (extract(epoch FROM start_time) * 1000000)::int8 AS "startUs",
       (extract(epoch FROM end_time) * 1000000)::int8 AS "endUs",
       status_code AS "statusCode", status_message AS "statusMessage", stage, attributes, resource, events, links,
       linked_trace_ids AS "linkedTraceIds"
  FROM spans`;

/** A row of SELECT: columns already aliased to StoredSpan's names; int8 arrives as text. */
interface SpanRowDb extends Omit<StoredSpan, 'startUs' | 'endUs'> {
  startUs: string;
  endUs: string;
}

function spanFromRow(row: SpanRowDb): StoredSpan {
  return { ...row, startUs: Number(row.startUs), endUs: Number(row.endUs) };
}

/** Every span of these traces (the primary key serves `trace_id = ANY`), oldest first, at most `limit`. */
export async function spansOfTraces(traceIds: readonly string[], limit: number, db: Db = storePool()): Promise<StoredSpan[]> {
  if (traceIds.length === 0) return [];
  const { rows } = await db.query<SpanRowDb>(`${SELECT} WHERE trace_id = ANY($1::bpchar[]) ORDER BY start_time, span_id LIMIT $2`, [
    traceIds,
    limit,
  ]);
  return rows.map(spanFromRow);
}

/**
 * Traces holding a span that links to one of `traceIds` (the consumer side of an async hop). The
 * partial GIN index covers only spans with links, hence the repeated cardinality predicate.
 */
export async function tracesLinkingTo(traceIds: readonly string[], limit: number, db: Db = storePool()): Promise<string[]> {
  if (traceIds.length === 0) return [];
  const { rows } = await db.query<{ trace_id: string }>(
    `SELECT DISTINCT trace_id FROM spans
      WHERE linked_trace_ids && $1::text[] AND cardinality(linked_trace_ids) > 0
      LIMIT $2`,
    [traceIds, limit],
  );
  return rows.map((r) => r.trace_id);
}

// The traces whose spans carry a business key (span_keys' primary key serves it). Used inline, so
// that the first step of an order lookup needs no round trip of its own.
const KEYED_TRACES = `SELECT DISTINCT trace_id FROM span_keys WHERE key_value = $1 AND key_name = ANY($2::text[]) LIMIT $3`;

/** Spans of the traces carrying `value` (at most `traceLimit` traces), oldest first, at most `limit`. */
export async function spansOfKeyedTraces(
  value: string,
  keyNames: readonly string[],
  traceLimit: number,
  limit: number,
  db: Db = storePool(),
): Promise<StoredSpan[]> {
  const { rows } = await db.query<SpanRowDb>(`${SELECT} WHERE trace_id IN (${KEYED_TRACES}) ORDER BY start_time, span_id LIMIT $4`, [
    value,
    keyNames,
    traceLimit,
    limit,
  ]);
  return rows.map(spanFromRow);
}

/** Traces linking to one of the traces carrying `value`: tracesLinkingTo, keyed in one statement. */
export async function tracesLinkingToKeyed(
  value: string,
  keyNames: readonly string[],
  traceLimit: number,
  limit: number,
  db: Db = storePool(),
): Promise<string[]> {
  const { rows } = await db.query<{ trace_id: string }>(
    `SELECT DISTINCT trace_id FROM spans
      WHERE linked_trace_ids && ARRAY(SELECT k.trace_id::text FROM (${KEYED_TRACES}) k) AND cardinality(linked_trace_ids) > 0
      LIMIT $4`,
    [value, keyNames, traceLimit, limit],
  );
  return rows.map((r) => r.trace_id);
}
