// The bounded in-process ingest queue. Requests hand over their rows and wait for the commit of
// the batch that carries them, so a 200 means stored. Rows of concurrent requests are written
// together (one transaction, one INSERT per table) by a few writers; when more spans — or more
// rows, business-key rows included — wait than the queue holds, submit refuses at once (the
// receiver answers 429 and the exporter backs off) instead of buffering without bound. A span with
// 64-value key arrays on five keys is 321 rows, which is why rows are counted, not spans only.
import type { SpanKeyRow } from '@/lib/store/queries/span-keys';
import type { SpanRow } from '@/lib/store/queries/spans';

export interface IngestBatch {
  spans: SpanRow[];
  keys: SpanKeyRow[];
}

export type WriteBatch = (batch: IngestBatch) => Promise<void>;

export interface IngestOptions {
  write: WriteBatch;
  /** Spans waiting or being written, across all requests. */
  maxQueuedSpans: number;
  /** Rows (spans plus business-key rows) waiting or being written; default: four per queued span. */
  maxQueuedRows?: number;
  /** Spans per transaction: about four exporter requests of 512. */
  maxBatchSpans: number;
  writers: number;
}

export class QueueFullError extends Error {
  constructor(
    readonly queuedSpans: number,
    readonly queuedRows = queuedSpans,
  ) {
    super(`ingest queue is full (${queuedSpans} spans, ${queuedRows} rows waiting); retry later`);
    this.name = 'QueueFullError';
  }
}

interface Pending extends IngestBatch {
  resolve(): void;
  reject(error: unknown): void;
}

export interface IngestQueue {
  submit(batch: IngestBatch): Promise<void>;
  /** Spans waiting or in flight. */
  queuedSpans(): number;
  /** Spans and business-key rows waiting or in flight. */
  queuedRows(): number;
  /** No room for anything more: the receiver answers 429 before reading a request's body. */
  isFull(): boolean;
}

export function createIngestQueue(opts: IngestOptions): IngestQueue {
  const waiting: Pending[] = [];
  const maxRows = opts.maxQueuedRows ?? opts.maxQueuedSpans * 4;
  const rowsOf = (batch: IngestBatch) => batch.spans.length + batch.keys.length;
  let queued = 0;
  let queuedRows = 0;
  let active = 0;

  function take(): Pending[] {
    const taken: Pending[] = [];
    let spans = 0;
    while (waiting.length > 0 && (taken.length === 0 || spans + waiting[0]!.spans.length <= opts.maxBatchSpans)) {
      const next = waiting.shift()!;
      spans += next.spans.length;
      taken.push(next);
    }
    return taken;
  }

  // The count drops before the sender hears back, so its next request finds the room it freed.
  function settle(items: Pending[], error?: unknown): void {
    for (const i of items) {
      queued -= i.spans.length;
      queuedRows -= rowsOf(i);
      if (error === undefined) i.resolve();
      else i.reject(error);
    }
  }

  async function writeAll(items: Pending[]): Promise<void> {
    const batch: IngestBatch = { spans: items.flatMap((i) => i.spans), keys: items.flatMap((i) => i.keys) };
    try {
      await opts.write(batch);
      settle(items);
    } catch (error) {
      // One sender's rows must not fail everyone's: on a batch of several, retry each alone.
      if (items.length > 1 && isDataError(error)) {
        for (const i of items) await writeAll([i]);
        return;
      }
      settle(items, error);
    }
  }

  function pump(): void {
    while (active < opts.writers && waiting.length > 0) {
      const items = take();
      active++;
      void writeAll(items).finally(() => {
        active--;
        pump();
      });
    }
  }

  return {
    submit(batch) {
      if (batch.spans.length === 0) return Promise.resolve();
      // An oversized request is still taken when nothing waits: the body limit already bounds it.
      const rows = rowsOf(batch);
      if (queued > 0 && (queued + batch.spans.length > opts.maxQueuedSpans || queuedRows + rows > maxRows)) {
        return Promise.reject(new QueueFullError(queued, queuedRows));
      }
      queued += batch.spans.length;
      queuedRows += rows;
      const done = new Promise<void>((resolve, reject) => waiting.push({ ...batch, resolve, reject }));
      pump();
      return done;
    },
    queuedSpans: () => queued,
    queuedRows: () => queuedRows,
    isFull: () => queued >= opts.maxQueuedSpans || queuedRows >= maxRows,
  };
}

/** Postgres refused the data itself (SQLSTATE class 22 data exception, 23 constraint), not the connection. */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}
