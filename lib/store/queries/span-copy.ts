// The ingest fast path: a batch's spans, business keys and reverse links written with COPY … FROM
// STDIN (text format), the cheapest way into Postgres. COPY has no ON CONFLICT, so a batch that
// repeats a stored span (a retried export) fails with a unique violation and the caller writes it
// again through the INSERT … ON CONFLICT DO NOTHING path. Plain `pg` has no COPY API, so the
// statement runs as a Submittable that answers the server's CopyInResponse with the rows.
import type pg from 'pg';
import type { SpanKeyRow } from './span-keys';
import type { SpanRow } from './spans';

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Runs `COPY … FROM STDIN` with these chunks of COPY text; resolves with the rows copied. */
export function copyFrom(client: pg.ClientBase, statement: string, chunks: readonly Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    const submittable = {
      submit: (connection: CopyConnection) => connection.query(statement),
      handleCopyInResponse: (connection: CopyConnection) => {
        for (const chunk of chunks) if (chunk.byteLength > 0) connection.sendCopyFromChunk(chunk);
        connection.endCopyFrom();
      },
      handleCommandComplete: (msg: { text?: string }) => {
        rows = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
      },
      // pg forgets the active query on an error (its ReadyForQuery then goes to nobody), so reject
      // here, as pg's own Query does; the server drops whatever copy data still arrives.
      handleError: (error: Error) => reject(error),
      handleReadyForQuery: () => resolve(rows),
      handleRowDescription: () => undefined,
      handleDataRow: () => undefined,
      handleEmptyQuery: () => undefined,
      handlePortalSuspended: () => undefined,
      handleCopyData: () => undefined,
    };
    (client as unknown as { query(s: unknown): void }).query(submittable);
  });
}

// COPY text format: tab-separated, \N for NULL, backslash escapes for \ tab newline CR.
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const esc = (v: string) => (/[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v);
const field = (v: string | number | null) => (v === null ? '\\N' : typeof v === 'number' ? String(v) : esc(v));
// JSON.stringify writes no raw tab, newline or CR (it escapes them inside strings), so of the
// special characters only the backslash can occur in JSON text.
const json = (v: string) => (v.includes('\\') ? v.replace(/\\/g, '\\\\') : v);
// A batch's spans start within a few seconds of each other: the date-and-time part (a Date and a
// toISOString each) is built once per second, not twice per span and once per key.
let cachedSecond = NaN;
let cachedPrefix = '';
/** Microseconds since the epoch as an ISO timestamp with six decimals. */
export function ts(us: number): string {
  const second = Math.floor(us / 1_000_000);
  if (second !== cachedSecond) {
    // toISOString ends ".mmmZ"; years past 9999 make the part before it longer, so cut from the end.
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, -4);
    cachedSecond = second;
  }
  return `${cachedPrefix}${String(us - second * 1_000_000).padStart(6, '0')}Z`;
}

export const COPY_SPANS = `COPY spans (trace_id, span_id, parent_span_id, name, kind, service_name, start_time, end_time,
                   status_code, status_message, stage, attributes, resource, events, links, linked_trace_ids) FROM STDIN`;
export const COPY_SPAN_KEYS = 'COPY span_keys (key_name, key_value, trace_id, span_id, ts) FROM STDIN';
export const COPY_SPAN_LINKS = 'COPY span_links (linked_trace_id, trace_id, span_id) FROM STDIN';

// Ids are checked hex by the receiver: nothing to escape in them, nor in an array of them.
export function spanCopyText(rows: readonly SpanRow[]): Buffer {
  let out = '';
  for (const r of rows) {
    out +=
      `${r.traceId}\t${r.spanId}\t${field(r.parentSpanId)}\t${esc(r.name)}\t${r.kind}\t${esc(r.serviceName)}\t${ts(r.startUs)}\t${ts(r.endUs)}\t` +
      `${r.statusCode}\t${field(r.statusMessage)}\t${esc(r.stage)}\t${json(r.attributes)}\t${json(r.resource)}\t${json(r.events)}\t${json(r.links)}\t` +
      `{${r.linkedTraceIds.join(',')}}\n`;
  }
  return Buffer.from(out);
}

export function keyCopyText(rows: readonly SpanKeyRow[]): Buffer {
  let out = '';
  for (const k of rows) out += `${esc(k.keyName)}\t${esc(k.keyValue)}\t${k.traceId}\t${k.spanId}\t${ts(k.tsUs)}\n`;
  return Buffer.from(out);
}

export function linkCopyText(rows: readonly SpanRow[]): Buffer {
  let out = '';
  for (const r of rows) for (const linked of r.linkedTraceIds) out += `${linked}\t${r.traceId}\t${r.spanId}\n`;
  return Buffer.from(out);
}

/** One batch into the three tables; throws a unique violation (23505) when a row is already stored. */
export async function copySpanBatch(client: pg.ClientBase, spans: readonly SpanRow[], keys: readonly SpanKeyRow[]): Promise<number> {
  if (spans.length === 0) return 0;
  const copied = await copyFrom(client, COPY_SPANS, [spanCopyText(spans)]);
  if (keys.length > 0) await copyFrom(client, COPY_SPAN_KEYS, [keyCopyText(keys)]);
  if (spans.some((s) => s.linkedTraceIds.length > 0)) await copyFrom(client, COPY_SPAN_LINKS, [linkCopyText(spans)]);
  return copied;
}
