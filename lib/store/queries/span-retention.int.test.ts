// Span retention against a real store: old spans go with their keys and links, in bounded
// batches, and nothing younger (nor any row a younger span needs) is touched.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRequest, jsonSpan, newSpanId, newTraceId } from '@/e2e/fixtures/otlp-requests';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { decodeJson } from '@/lib/otlp/decode-json';
import { normalize } from '@/lib/otlp/normalize';
import { storeWriter } from '@/lib/otlp/store-writer';
import { migrate } from '@/lib/store/migrate';
import { deleteSpansBefore, type SpansDeleted } from './span-retention';

const DAY_MS = 86_400_000;
const OLD_SPANS = 11;

let db: ScratchDatabase;
let pool: pg.Pool;

async function ingest(spans: Record<string, unknown>[]): Promise<void> {
  const n = normalize(decodeJson(new TextEncoder().encode(JSON.stringify(exportRequest({ svc: spans })))), ['order_id']);
  await storeWriter(() => pool)({ spans: n.spans, keys: n.keys });
}

const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);

beforeAll(async () => {
  db = await createScratchDatabase('span_retention');
  await migrate(db.url);
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('deleteSpansBefore', () => {
  it('deletes old spans with their keys and links in bounded batches, and keeps everything younger', async () => {
    const now = Date.now();
    const oldTrace = newTraceId();
    const oldSpan = newSpanId();
    // Old: a keyed span, and spans that link to it (each with a key of its own).
    await ingest([
      jsonSpan({ traceId: oldTrace, spanId: oldSpan, startMs: now - 3 * DAY_MS, attributes: { order_id: 'R-OLD' } }),
      ...Array.from({ length: OLD_SPANS - 1 }, (_, i) =>
        jsonSpan({
          startMs: now - 2 * DAY_MS - i * 1000,
          attributes: { order_id: `R-OLD-${i}` },
          links: [{ traceId: oldTrace, spanId: oldSpan }],
        }),
      ),
    ]);
    // Young: a keyed span linking to the old trace. Its link row is its own and must stay.
    const young = jsonSpan({ startMs: now - 1000, attributes: { order_id: 'R-NEW' }, links: [{ traceId: oldTrace, spanId: oldSpan }] });
    await ingest([young]);
    expect(await count('SELECT count(*) AS n FROM span_links')).toBe(OLD_SPANS);

    const batches: SpansDeleted[] = [];
    const deleted = await deleteSpansBefore(pool, new Date(now - DAY_MS), 4, (b) => batches.push(b));

    // 11 spans + 11 keys + 10 links, in batches of at most 4 spans.
    expect(deleted).toBe(OLD_SPANS * 2 + (OLD_SPANS - 1));
    expect(batches.map((b) => b.spans)).toEqual([4, 4, 3]);
    expect(batches.reduce((n, b) => n + b.spanKeys, 0)).toBe(OLD_SPANS);
    expect(batches.reduce((n, b) => n + b.spanLinks, 0)).toBe(OLD_SPANS - 1);

    const { rows } = await pool.query<{ trace_id: string; key_value: string }>(
      'SELECT s.trace_id, k.key_value FROM spans s JOIN span_keys k USING (trace_id, span_id)',
    );
    expect(rows).toEqual([{ trace_id: young.traceId, key_value: 'R-NEW' }]);
    const links = await pool.query('SELECT linked_trace_id, trace_id FROM span_links');
    expect(links.rows).toEqual([{ linked_trace_id: oldTrace, trace_id: young.traceId }]);
    // Nothing left to do: a second run deletes nothing, in one statement.
    const again: SpansDeleted[] = [];
    expect(await deleteSpansBefore(pool, new Date(now - DAY_MS), 4, (b) => again.push(b))).toBe(0);
    expect(again).toHaveLength(1);
  });

  it('refuses a batch size that would not bound the work', async () => {
    await expect(deleteSpansBefore(pool, new Date(), 0)).rejects.toThrow(RangeError);
    await expect(deleteSpansBefore(pool, new Date(), 2.5)).rejects.toThrow(/positive integer/);
  });
});
