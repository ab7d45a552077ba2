// span_links: the reverse-link index ("which traces link to trace T?"), one row per linking span
// and linked trace, written with the spans. The primary key starts with linked_trace_id, so each
// question is an equality on the index's leading column: a range read whatever the statistics say.
import type pg from 'pg';
import { storePool } from '../pool';
import type { SpanRow } from './spans';

type Db = pg.Pool | pg.PoolClient | pg.Client;

/** Inserts a row per (span, trace it links to); repeats (a retried export) are ignored. */
export async function insertSpanLinks(spans: readonly SpanRow[], db: Db = storePool()): Promise<number> {
  const linked: string[] = [];
  const traces: string[] = [];
  const spanIds: string[] = [];
  for (const s of spans) {
    for (const id of s.linkedTraceIds) {
      linked.push(id);
      traces.push(s.traceId);
      spanIds.push(s.spanId);
    }
  }
  if (linked.length === 0) return 0;
  const result = await db.query(
    `INSERT INTO span_links (linked_trace_id, trace_id, span_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT DO NOTHING`,
    [linked, traces, spanIds],
  );
  return result.rowCount ?? 0;
}

export interface LinkingTraces {
  /** Traces holding a span that links to one of the asked traces, each once. */
  traceIds: string[];
  /** Some asked trace had `perTrace` linking rows or more: there may be more than returned. */
  capped: boolean;
}

export interface LinkRow {
  linked: string;
  trace_id: string;
}

/** Link rows to the distinct linking traces, and whether some asked trace filled its quota. */
export function linkingTraces(rows: readonly LinkRow[], perTrace: number): LinkingTraces {
  const perLinked = new Map<string, number>();
  for (const r of rows) perLinked.set(r.linked, (perLinked.get(r.linked) ?? 0) + 1);
  return {
    traceIds: [...new Set(rows.map((r) => r.trace_id))],
    capped: [...perLinked.values()].some((n) => n >= perTrace),
  };
}

// One LATERAL read per asked trace, each an index range on span_links_pkey with its own LIMIT: a
// statement reads at most (asked traces × perTrace) index entries. Deduplication happens in the
// caller, never as a DISTINCT the planner could satisfy by walking a whole index in order.
/** Link rows into the traces `asked` yields (a FROM item with a column `a.id`), `perTrace` each. */
export const linkingTo = (asked: string, perTrace: string) => `
SELECT a.id AS linked, l.trace_id
  FROM ${asked} CROSS JOIN LATERAL (
       SELECT trace_id FROM span_links WHERE linked_trace_id = a.id LIMIT ${perTrace}) l`;
