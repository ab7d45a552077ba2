// COPY … FROM STDIN with plain `pg` (pg-copy-streams is not a dependency): a Submittable that
// sends the statement, answers the server's CopyInResponse with the data chunks, and resolves on
// CommandComplete. Only the benchmark uses it, as the "fastest possible load" yardstick.
import type pg from 'pg';
import type { SpanKeyRow } from '@/lib/store/queries/span-keys';
import type { SpanRow } from '@/lib/store/queries/spans';

interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

export function copyFrom(client: pg.ClientBase, statement: string, chunks: readonly Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failed: Error | undefined;
    const submittable = {
      submit: (connection: CopyConnection) => connection.query(statement),
      handleCopyInResponse: (connection: CopyConnection) => {
        for (const chunk of chunks) connection.sendCopyFromChunk(chunk);
        connection.endCopyFrom();
      },
      handleCommandComplete: (msg: { text?: string }) => {
        rows = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
      },
      handleError: (error: Error) => {
        failed = error;
      },
      handleReadyForQuery: () => (failed ? reject(failed) : resolve(rows)),
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
const esc = (v: string) => v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
const field = (v: string | number | null) => (v === null ? '\\N' : esc(String(v)));
const ts = (us: number) => `${new Date(Math.floor(us / 1000)).toISOString().slice(0, -1)}${String(us % 1000).padStart(3, '0')}Z`;
// Array literal elements: trace ids are hex, nothing to quote.
const textArray = (items: readonly string[]) => `{${items.join(',')}}`;

export const COPY_SPANS_COLUMNS =
  'trace_id, span_id, parent_span_id, name, kind, service_name, start_time, end_time, status_code, status_message, stage, attributes, resource, events, links, linked_trace_ids';

export function spanLines(rows: readonly SpanRow[]): Buffer {
  return Buffer.from(
    rows
      .map((r) =>
        [
          r.traceId,
          r.spanId,
          r.parentSpanId,
          r.name,
          r.kind,
          r.serviceName,
          ts(r.startUs),
          ts(r.endUs),
          r.statusCode,
          r.statusMessage,
          r.stage,
          r.attributes,
          r.resource,
          r.events,
          r.links,
          textArray(r.linkedTraceIds),
        ]
          .map(field)
          .join('\t'),
      )
      .join('\n') + '\n',
  );
}

export function keyLines(rows: readonly SpanKeyRow[]): Buffer {
  return Buffer.from(rows.map((k) => [k.keyName, k.keyValue, k.traceId, k.spanId, ts(k.tsUs)].map(field).join('\t')).join('\n') + '\n');
}
