// spans: what the OTLP receiver stored. Written by COPY (span-copy.ts, the ingest hot path), and
// by the unnest INSERT here when a batch repeats stored spans; read by trace id (the primary key's
// prefix). Reverse links live in span_links.
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

const COLUMNS = `
trace_id AS "traceId", span_id AS "spanId", parent_span_id AS "parentSpanId", name, kind,
       service_name AS "serviceName",
       (extract(epoch FROM start_time) * 1000000)::int8 AS "startUs",
       (extract(epoch FROM end_time) * 1000000)::int8 AS "endUs",
       status_code AS "statusCode", status_message AS "statusMessage", stage, attributes, resource, events, links,
       linked_trace_ids AS "linkedTraceIds"`;

/** A row of COLUMNS: already aliased to StoredSpan's names; int8 arrives as text (as a number inside json_agg). */
export interface SpanRowDb extends Omit<StoredSpan, 'startUs' | 'endUs'> {
  startUs: string | number;
  endUs: string | number;
}

export function spanFromRow(row: SpanRowDb): StoredSpan {
  return { ...row, startUs: Number(row.startUs), endUs: Number(row.endUs) };
}

// One LATERAL read per trace, an index range on spans_pkey (trace_id leads it), and the outer LIMIT
// stops the nested loop once enough rows came: at most `limit` spans are read in all. No ORDER BY
// over the union: sorting by start_time would read every span of every trace first (or tempt the
// planner to walk spans_start_time_idx and filter), so callers sort the bounded result.
/** The spans of the traces `traces` yields (a FROM item with a column `t.id`), `limit` at most. */
export const spansOf = (traces: string, limit: string) => `
SELECT s.* FROM ${traces} CROSS JOIN LATERAL (
       SELECT ${COLUMNS} FROM spans WHERE trace_id = t.id LIMIT ${limit}) s
 LIMIT ${limit}`;
