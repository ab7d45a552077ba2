import { describe, expect, it } from 'vitest';
import type { SpanKeyRow } from '@/lib/store/queries/span-keys';
import type { SpanRow } from '@/lib/store/queries/spans';
import { createIngestQueue, QueueFullError, type IngestBatch } from './ingest';

const rows = (n: number, tag = 'x') => Array.from({ length: n }, (_, i) => ({ spanId: `${tag}${i}` }) as SpanRow);
const deferred = () => {
  let release!: () => void;
  return { gate: new Promise<void>((r) => (release = r)), release: () => release() };
};

describe('ingest queue', () => {
  it('batches requests that arrive while a write is in flight, and resolves each on commit', async () => {
    const writes: IngestBatch[] = [];
    const first = deferred();
    const queue = createIngestQueue({
      maxQueuedSpans: 1000,
      maxBatchSpans: 100,
      writers: 1,
      write: async (b) => {
        writes.push(b);
        if (writes.length === 1) await first.gate;
      },
    });
    const a = queue.submit({ spans: rows(10, 'a'), keys: [] });
    const b = queue.submit({ spans: rows(10, 'b'), keys: [] });
    const c = queue.submit({ spans: rows(10, 'c'), keys: [] });
    expect(queue.queuedSpans()).toBe(30);
    first.release();
    await Promise.all([a, b, c]);
    expect(writes.map((w) => w.spans.length)).toEqual([10, 20]);
    expect(queue.queuedSpans()).toBe(0);
  });

  it('refuses at once when full instead of buffering', async () => {
    const hold = deferred();
    const queue = createIngestQueue({ maxQueuedSpans: 50, maxBatchSpans: 100, writers: 1, write: () => hold.gate });
    const accepted = queue.submit({ spans: rows(40), keys: [] });
    await expect(queue.submit({ spans: rows(20), keys: [] })).rejects.toBeInstanceOf(QueueFullError);
    hold.release();
    await accepted;
    // Once drained, even a request larger than the queue is taken (the body limit bounds it).
    await expect(queue.submit({ spans: rows(80), keys: [] })).resolves.toBeUndefined();
  });

  it('counts business-key rows too, and says when it is full before anything is read', async () => {
    const hold = deferred();
    const queue = createIngestQueue({ maxQueuedSpans: 100, maxQueuedRows: 200, maxBatchSpans: 100, writers: 1, write: () => hold.gate });
    const keys = (n: number) => Array.from({ length: n }, () => ({}) as SpanKeyRow);
    const accepted = queue.submit({ spans: rows(10), keys: keys(150) });
    expect([queue.queuedSpans(), queue.queuedRows(), queue.isFull()]).toEqual([10, 160, false]);
    // Ten spans fit the span bound, but their 64 keys each do not fit the row bound.
    await expect(queue.submit({ spans: rows(10), keys: keys(64) })).rejects.toBeInstanceOf(QueueFullError);
    const filling = queue.submit({ spans: rows(1), keys: keys(39) });
    expect(queue.isFull()).toBe(true);
    hold.release();
    await Promise.all([accepted, filling]);
    expect([queue.queuedSpans(), queue.queuedRows(), queue.isFull()]).toEqual([0, 0, false]);
  });

  it('isolates a request whose rows the store refuses', async () => {
    const queue = createIngestQueue({
      maxQueuedSpans: 1000,
      maxBatchSpans: 100,
      writers: 1,
      write: async (b) => {
        await Promise.resolve();
        if (b.spans.some((s) => s.spanId.startsWith('bad'))) throw Object.assign(new Error('invalid input'), { code: '22P02' });
      },
    });
    const results = await Promise.allSettled([
      queue.submit({ spans: rows(5, 'ok'), keys: [] }),
      queue.submit({ spans: rows(5, 'bad'), keys: [] }),
      queue.submit({ spans: rows(5, 'ok2'), keys: [] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
