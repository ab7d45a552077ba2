// The order lookup's statements: one per stitching round, so that a round is one round trip on one
// connection (on a busy store, three statements in parallel wait for three backends). Each part
// of a statement is a set of index range reads with a LIMIT on every range: LATERAL per key or per
// trace id, never a DISTINCT, ORDER BY or IN over a table, so no statistics can turn a part into a
// scan (span-lookup-plans.int.test.ts checks it at ~10 M spans). The parts come back as json_agg
// arrays in one row.
import type pg from 'pg';
import { storePool } from '../pool';
import type { KeyHit } from './span-keys';
import { linkingTo, linkingTraces, type LinkingTraces, type LinkRow } from './span-links';
import { spanFromRow, spansOf, type SpanRowDb, type StoredSpan } from './spans';

type Db = pg.Pool | pg.PoolClient | pg.Client;

const asJsonArray = (sql: string) => `(SELECT coalesce(json_agg(r), '[]') FROM (${sql}) r)`;

/**
 * $1 pasted value, $2 key names, $3 span_keys rows at most, $4 keyed traces at most, $5 spans at
 * most, $6 link rows per keyed trace (0: none). The keyed traces are deduplicated from at most $3
 * key rows, read from span_keys_pkey's range on key_value.
 */
export const LOOKUP_BY_KEY = `
WITH hits AS MATERIALIZED (
  SELECT key_name, trace_id, span_id FROM span_keys WHERE key_value = $1 AND key_name = ANY($2::text[]) LIMIT $3
), keyed AS MATERIALIZED (SELECT DISTINCT trace_id FROM hits LIMIT $4)
SELECT ${asJsonArray(`SELECT key_name AS "keyName", trace_id AS "traceId", span_id AS "spanId" FROM hits`)} AS "keyHits",
       ${asJsonArray(spansOf('(SELECT trace_id AS id FROM keyed) AS t', '$5'))} AS spans,
       ${asJsonArray(linkingTo('(SELECT trace_id AS id FROM keyed) AS a', '$6'))} AS links`;

/** $1 trace ids, $2 spans at most, $3 link rows per trace (0: none). */
export const LOOKUP_BY_TRACES = `
SELECT ${asJsonArray(spansOf('unnest($1::bpchar[]) AS t(id)', '$2'))} AS spans,
       ${asJsonArray(linkingTo('unnest($1::bpchar[]) AS a(id)', '$3'))} AS links`;

export interface LookupRound {
  /** Spans of the asked traces, in no particular order, at most the limit asked for. */
  spans: StoredSpan[];
  /** Traces that link to the asked ones. */
  linkingIn: LinkingTraces;
}

export interface KeyRound extends LookupRound {
  keyHits: KeyHit[];
}

export interface RoundLimits {
  spans: number;
  /** Link rows read per asked trace; 0 skips the reverse links (the last hop). */
  linksPerTrace: number;
}

export interface KeyRoundLimits extends RoundLimits {
  keyHits: number;
  traces: number;
}

interface RoundRow {
  spans: SpanRowDb[];
  links: LinkRow[];
}

const roundOf = (row: RoundRow, perTrace: number): LookupRound => ({
  spans: row.spans.map(spanFromRow),
  linkingIn: linkingTraces(row.links, perTrace),
});

// Named, so each pooled connection parses these once and may keep a generic plan: planning
// LOOKUP_BY_KEY cost about twice its execution (span-lookup-plans.int.test.ts checks the generic
// plan too). A lookup's statement count stays one per round.
/** Round one of a lookup: the key's hits, the keyed traces' spans and the traces linking to them. */
export async function lookupByKey(
  value: string,
  keyNames: readonly string[],
  limits: KeyRoundLimits,
  db: Db = storePool(),
): Promise<KeyRound> {
  const { rows } = await db.query<RoundRow & { keyHits: KeyHit[] }>({
    name: 'truthflow_lookup_by_key',
    text: LOOKUP_BY_KEY,
    values: [value, keyNames, limits.keyHits, limits.traces, limits.spans, limits.linksPerTrace],
  });
  return { keyHits: rows[0]!.keyHits, ...roundOf(rows[0]!, limits.linksPerTrace) };
}

/** A further round: the spans of these traces and the traces linking to them. */
export async function lookupByTraces(traceIds: readonly string[], limits: RoundLimits, db: Db = storePool()): Promise<LookupRound> {
  if (traceIds.length === 0) return { spans: [], linkingIn: { traceIds: [], capped: false } };
  const { rows } = await db.query<RoundRow>({
    name: 'truthflow_lookup_by_traces',
    text: LOOKUP_BY_TRACES,
    values: [traceIds, limits.spans, limits.linksPerTrace],
  });
  return roundOf(rows[0]!, limits.linksPerTrace);
}
