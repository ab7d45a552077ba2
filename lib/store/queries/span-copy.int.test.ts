// The COPY fast path stores exactly what the INSERT path stores, including the values COPY text
// must escape, and a batch that repeats a stored span falls back to INSERT … ON CONFLICT.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRequest, jsonSpan, newSpanId, newTraceId } from '@/e2e/fixtures/otlp-requests';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { decodeJson } from '@/lib/otlp/decode-json';
import { normalize, type Normalized } from '@/lib/otlp/normalize';
import { storeWriter } from '@/lib/otlp/store-writer';
import { migrate } from '@/lib/store/migrate';
import { copySpanBatch } from './span-copy';
import { insertSpanKeys } from './span-keys';
import { insertSpanLinks } from './span-links';
import { lookupByTraces } from './span-lookup';
import { insertSpans } from './spans';

let db: ScratchDatabase;
let pool: pg.Pool;

const nasty = 'tab\there, newline\nthere, CR\r, backslash \\ and \\N, quote " and ü ✓';

function request(traceId: string, spanId: string, orderId = 'C-1'): Normalized {
  const span = jsonSpan({
    traceId,
    spanId,
    name: nasty,
    startMs: 1_700_000_000_123.456,
    attributes: { order_id: ` ${orderId}\t `, note: nasty, 'json.like': '{"a":"\\u0000"}' },
    links: [{ traceId: 'ab'.repeat(16), spanId: 'cd'.repeat(8) }],
    status: { code: 2, message: nasty },
  });
  return normalize(decodeJson(new TextEncoder().encode(JSON.stringify(exportRequest({ [`svc\t${nasty}`]: [span] })))), ['order_id']);
}

const withoutIds = <T extends { traceId: string; spanId: string }>(s: T) => ({ ...s, traceId: '', spanId: '' });

beforeAll(async () => {
  db = await createScratchDatabase('span_copy');
  await migrate(db.url);
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('span COPY', () => {
  it('stores what the INSERT path stores, escapes included', async () => {
    const [copied, inserted] = [request(newTraceId(), newSpanId()), request(newTraceId(), newSpanId())];
    // Same order: both spans carry the same key, so everything but the ids must match.
    const client = await pool.connect();
    try {
      expect(await copySpanBatch(client, copied.spans, copied.keys)).toBe(1);
      await insertSpans(inserted.spans, client);
      await insertSpanKeys(inserted.keys, client);
      await insertSpanLinks(inserted.spans, client);
    } finally {
      client.release();
    }
    const read = async (traceId: string) => (await lookupByTraces([traceId], { spans: 10, linksPerTrace: 0 }, pool)).spans;
    const [a, b] = await Promise.all([read(copied.spans[0]!.traceId), read(inserted.spans[0]!.traceId)]);
    expect(a).toHaveLength(1);
    expect(withoutIds(a[0]!)).toEqual(withoutIds(b[0]!));
    expect(a[0]!.name).toBe(nasty);
    expect(a[0]!.attributes.note).toBe(nasty);
    expect(a[0]!.startUs).toBe(1_700_000_000_123_456);
    const keys = await pool.query('SELECT key_value, ts FROM span_keys WHERE trace_id = ANY($1::bpchar[]) ORDER BY key_value', [
      [copied.spans[0]!.traceId, inserted.spans[0]!.traceId],
    ]);
    expect(keys.rows.map((r) => r.key_value)).toEqual(['C-1', 'C-1']);
    expect(keys.rows[0].ts).toEqual(keys.rows[1].ts);
    const links = await pool.query('SELECT count(*)::int AS n FROM span_links WHERE linked_trace_id = $1', ['ab'.repeat(16)]);
    expect(links.rows[0].n).toBe(2);
  });

  it('writes a retried export once: COPY refuses it, the INSERT path keeps the first copy', async () => {
    const first = request(newTraceId(), newSpanId());
    const fresh = request(newTraceId(), newSpanId());
    const write = storeWriter(() => pool);
    await write({ spans: first.spans, keys: first.keys });
    await expect(
      pool.connect().then(async (c) => {
        try {
          await copySpanBatch(c, first.spans, first.keys);
        } finally {
          c.release();
        }
      }),
    ).rejects.toMatchObject({ code: '23505' });
    // The retry carries one stored span and one new one: both end up stored once.
    await write({ spans: [...first.spans, ...fresh.spans], keys: [...first.keys, ...fresh.keys] });
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM spans WHERE trace_id = ANY($1::bpchar[])', [
      [first.spans[0]!.traceId, fresh.spans[0]!.traceId],
    ]);
    expect(rows[0].n).toBe(2);
  });
});
