// Reconciliation against real stores: 100,000 rows in a Postgres system of record, compared with an
// OpenSearch index and with a Postgres warehouse table, each holding 37 missing, 11 extra and 23
// stale keys, while a writer keeps changing rows (source first, target a moment later). Every
// mismatch must be found, exactly, and no row changed within `settle` may be reported.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import {
  chooseMismatches,
  createSourceTable,
  fillIndex,
  fillWarehouse,
  INDEX_MAPPINGS,
  indexRows,
  readSourceRows,
  startWriter,
  upsertWarehouse,
  type Expected,
  type SourceRow,
} from '@/e2e/fixtures/reconcile-data';
import { createSearchClient, type SearchClient } from '@/lib/search/client';
import { openSearchStatus, startOpenSearch, stopOpenSearch } from '@/scripts/opensearch';
import { postgresSide } from './postgres-side';
import { reconcile, type ReconcileOutcome } from './run';
import { searchSide } from './search-side';
import type { ReconcileSide } from './types';

const ROWS = 100_000;
const SETTLE_MS = 4_000;
const WINDOW_MS = 24 * 3600 * 1000;
const SPREAD_MS = 20 * 3600 * 1000;
const index = `truthflow-reconcile-int-${randomUUID().slice(0, 8)}`;

let db: ScratchDatabase;
let pool: pg.Pool;
let search: SearchClient;
let searchUrl: string;
let startedSearch = false;
let rows: SourceRow[];
let expected: Expected;

beforeAll(async () => {
  startedSearch = (await openSearchStatus()) === undefined;
  const node = await startOpenSearch();
  searchUrl = node.url;
  search = createSearchClient({ url: node.url, timeoutMs: 60_000 });
  db = await createScratchDatabase('reconcile');
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  await createSourceTable(pool, 'orders', ROWS, SPREAD_MS, SETTLE_MS);
  rows = await readSourceRows(pool, 'orders');
  expected = chooseMismatches(ROWS, { missing: 37, extra: 11, stale: 23 });
  await search.createIndex(index, INDEX_MAPPINGS, { number_of_replicas: 0, number_of_shards: 2 });
  await fillIndex(search, index, rows, expected);
  await fillWarehouse(pool, 'orders_wh', rows, expected);
});

afterAll(async () => {
  await search?.deleteIndex(index).catch(() => undefined);
  await pool?.end();
  await db?.drop();
  if (startedSearch) await stopOpenSearch();
});

const source = () => postgresSide(pool, { table: 'orders', key: 'id', updatedAt: 'updated_at', version: 'version' }, 'orders');

/** Every change reaches both targets, so each test's target stays a copy of the source but for the chosen keys. */
const applyToBoth = async (changed: SourceRow[]) => {
  await Promise.all([indexRows(search, index, changed), upsertWarehouse(pool, 'orders_wh', changed)]);
};

/** Two runs `settle` apart while the writer keeps writing: extras are confirmed by the second. */
async function twoRunsWhileWriting(target: ReconcileSide) {
  const writer = startWriter(pool, 'orders', ROWS, 300, applyToBoth);
  const pendingExtras = new Map<string, number>();
  const run = () =>
    reconcile({
      source: source(),
      target,
      nowMs: Date.now(),
      settleMs: SETTLE_MS,
      windowMs: WINDOW_MS,
      historyCursorMs: null,
      budget: { queries: 2000, rows: 1_000_000 },
      sampleSize: 1000,
      pendingExtras,
    });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const first = await run();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS + 200));
    const second = await run();
    return { first, second, changed: writer.changed() };
  } finally {
    await writer.stop();
  }
}

function keysOf(outcome: ReconcileOutcome, reason: string): string[] {
  return outcome.sample
    .filter((m) => m.reason === reason)
    .map((m) => m.key)
    .sort();
}

function expectExact(outcome: ReconcileOutcome): void {
  expect(outcome.cutShort).toBe(false);
  expect(outcome.counts).toEqual({ missing: 37, extra: 11, stale: 23 });
  expect(keysOf(outcome, 'missing')).toEqual([...expected.missing].sort());
  expect(keysOf(outcome, 'extra')).toEqual([...expected.extra].sort());
  expect(keysOf(outcome, 'stale')).toEqual([...expected.stale].sort());
  // Bounded cost: a full compare reads 2 × 100,000 rows.
  expect(outcome.rowsFetched).toBeLessThan(0.05 * 2 * ROWS);
}

describe('reconcile a Postgres table', () => {
  it('against an OpenSearch index finds every missing, extra and stale key and nothing in flight', async () => {
    const target = searchSide(
      { url: searchUrl, timeoutMs: 60_000 },
      { index, id: 'order_id', updatedAt: 'updated_at', version: 'version', hashField: 'truthflow_hash' },
      index,
    );
    const { first, second, changed } = await twoRunsWhileWriting(target);
    expect(changed).toBeGreaterThan(0);
    // The first run sees the extras but waits for a second run before reporting them.
    expect(first.counts).toEqual({ missing: 37, extra: 0, stale: 23 });
    expect(first.pendingExtra).toBe(11);
    expectExact(second);
  });

  it('against a Postgres warehouse table finds the same, exactly', async () => {
    const target = postgresSide(pool, { table: 'orders_wh', key: 'order_id', updatedAt: 'updated_at', version: 'version' }, 'orders_wh');
    const { second, changed } = await twoRunsWhileWriting(target);
    expect(changed).toBeGreaterThan(0);
    expectExact(second);
  });

  it('reports a run cut short by its budget, with lower-bound counts', async () => {
    const target = postgresSide(pool, { table: 'orders_wh', key: 'order_id', updatedAt: 'updated_at', version: 'version' }, 'orders_wh');
    const outcome = await reconcile({
      source: source(),
      target,
      nowMs: Date.now(),
      settleMs: SETTLE_MS,
      windowMs: WINDOW_MS,
      historyCursorMs: null,
      budget: { queries: 6, rows: 1_000_000 },
      sampleSize: 10,
      pendingExtras: new Map(),
    });
    expect(outcome.cutShort).toBe(true);
    expect(outcome.queries).toBeLessThanOrEqual(6);
    expect(outcome.note).toMatch(/cut the run short/);
    expect(outcome.counts.missing + outcome.counts.stale).toBeLessThan(60);
  });
});
