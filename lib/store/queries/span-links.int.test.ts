// span_links against a real store: the migration backfills it from spans stored before it
// existed, the writer fills it with the spans, and the reverse lookups say when they were capped.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRequest, jsonSpan, newSpanId, newTraceId } from '@/e2e/fixtures/otlp-requests';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { decodeJson } from '@/lib/otlp/decode-json';
import { normalize } from '@/lib/otlp/normalize';
import { storeWriter } from '@/lib/otlp/store-writer';
import { migrate, migrationsDir, readMigrations } from '@/lib/store/migrate';
import { lookupByKey, lookupByTraces } from './span-lookup';

const tracesLinkingTo = async (traceIds: string[], linksPerTrace: number, db: pg.Pool) =>
  (await lookupByTraces(traceIds, { spans: 10, linksPerTrace }, db)).linkingIn;
const tracesLinkingToKeyed = async (value: string, keyNames: string[], db: pg.Pool) =>
  (await lookupByKey(value, keyNames, { keyHits: 10, traces: 10, spans: 10, linksPerTrace: 50 }, db)).linkingIn;

const LINKS_MIGRATION = '20261129010000_span_links_table';

let db: ScratchDatabase;
let pool: pg.Pool;
let before: string;

async function ingest(spans: Record<string, unknown>[]): Promise<void> {
  const n = normalize(decodeJson(new TextEncoder().encode(JSON.stringify(exportRequest({ svc: spans })))), ['order_id']);
  await storeWriter(() => pool)({ spans: n.spans, keys: n.keys });
}

beforeAll(async () => {
  db = await createScratchDatabase('span_links');
  pool = new pg.Pool({ connectionString: db.url, max: 2 });
  // The migrations up to (not including) span_links, as a store that ingested before it had.
  before = mkdtempSync(path.join(tmpdir(), 'tf-migrations-'));
  for (const m of readMigrations().filter((m) => m.name < LINKS_MIGRATION)) {
    cpSync(path.join(migrationsDir(), m.name), path.join(before, m.name), { recursive: true });
  }
  await migrate(db.url, before);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
  if (before) rmSync(before, { recursive: true, force: true });
});

describe('span_links', () => {
  it('is backfilled from the links of spans stored before it existed', async () => {
    const [producer, a, b] = [newTraceId(), newTraceId(), newTraceId()];
    const [sa1, sa2, sb] = [newSpanId(), newSpanId(), newSpanId()];
    await pool.query(
      `INSERT INTO spans (trace_id, span_id, name, kind, service_name, start_time, end_time, linked_trace_ids)
       VALUES ($1, $2, 'consume', 5, 'a', now(), now(), ARRAY[$5, $6]),
              ($1, $3, 'consume', 5, 'a', now(), now(), ARRAY[$5]),
              ($4, $7, 'index', 5, 'b', now(), now(), '{}')`,
      [a, sa1, sa2, b, producer, b, sb],
    );
    const report = await migrate(db.url);
    expect(report.applied).toContain(LINKS_MIGRATION);
    const { rows } = await pool.query('SELECT linked_trace_id, trace_id, span_id FROM span_links ORDER BY linked_trace_id, span_id');
    expect(rows).toEqual(
      [
        { linked_trace_id: producer, trace_id: a, span_id: sa1 },
        { linked_trace_id: producer, trace_id: a, span_id: sa2 },
        { linked_trace_id: b, trace_id: a, span_id: sa1 },
      ].sort((x, y) => x.linked_trace_id.localeCompare(y.linked_trace_id) || x.span_id.localeCompare(y.span_id)),
    );
    expect((await tracesLinkingTo([producer], 50, pool)).traceIds).toEqual([a]);
  });

  it('is written with the spans, once per retried export, and reports a capped lookup', async () => {
    const target = [newTraceId(), newSpanId()] as const;
    const consumers = Array.from({ length: 4 }, () =>
      jsonSpan({
        links: [
          { traceId: target[0], spanId: target[1] },
          { traceId: target[0], spanId: newSpanId() },
        ],
      }),
    );
    const spans = [jsonSpan({ traceId: target[0], spanId: target[1], attributes: { order_id: 'L-1' } }), ...consumers];
    await ingest(spans);
    await ingest(spans); // a retried export
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM span_links WHERE linked_trace_id = $1', [target[0]]);
    // Two links of one span to the same trace are one row.
    expect(rows[0].n).toBe(4);

    const all = await tracesLinkingTo([target[0]], 50, pool);
    expect(new Set(all.traceIds)).toEqual(new Set(consumers.map((c) => c.traceId)));
    expect(all.capped).toBe(false);
    const capped = await tracesLinkingTo([target[0]], 3, pool);
    expect(capped.traceIds).toHaveLength(3);
    expect(capped.capped).toBe(true);

    const keyed = await tracesLinkingToKeyed('L-1', ['order_id'], pool);
    expect(new Set(keyed.traceIds)).toEqual(new Set(consumers.map((c) => c.traceId)));
    expect((await tracesLinkingToKeyed('L-1', ['other_key'], pool)).traceIds).toEqual([]);
    expect((await lookupByTraces([target[0]], { spans: 10, linksPerTrace: 0 }, pool)).linkingIn).toEqual({ traceIds: [], capped: false });
  });
});
