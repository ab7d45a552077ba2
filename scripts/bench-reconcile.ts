// npm run bench:reconcile [-- --rows N] — how fast a reconciliation finds 100 mismatches between a
// Postgres table of 1,000,000 rows and an OpenSearch index (and a Postgres warehouse table) of as
// many documents, and how many rows it fetches, beside a full key-by-key compare of the same data
// in the same run. Goal: under 2 % of the full compare's rows. A benchmark, not a test: it prints
// figures for the README, after checking both methods found the same keys.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import {
  chooseMismatches,
  createSourceTable,
  fillIndex,
  fillWarehouse,
  INDEX_MAPPINGS,
  readSourceRows,
  type Expected,
} from '@/e2e/fixtures/reconcile-data';
import { createScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { postgresSide } from '@/lib/reconcile/postgres-side';
import { reconcile } from '@/lib/reconcile/run';
import { searchSide } from '@/lib/reconcile/search-side';
import type { KeyRow, ReconcileSide } from '@/lib/reconcile/types';
import { createSearchClient } from '@/lib/search/client';
import { searchRequest } from '@/lib/search/http';
import { openSearchStatus, startOpenSearch, stopOpenSearch } from './opensearch';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
const ROWS = Number(values.rows);
const SETTLE_MS = 120_000;
const WINDOW_MS = 24 * 3600 * 1000;
const SPREAD_MS = 20 * 3600 * 1000;
const MISMATCHES = { missing: 40, extra: 20, stale: 40 };

const hitsSchema = z.object({
  hits: z.object({
    hits: z.array(z.object({ fields: z.record(z.string(), z.array(z.union([z.string(), z.number()]))), sort: z.array(z.unknown()) })),
  }),
});

/** The baseline: every key and version from both sides, then a diff in memory. */
async function fullCompare(pool: pg.Pool, readTarget: () => Promise<KeyRow[]>) {
  const started = performance.now();
  const [{ rows: source }, target] = await Promise.all([
    pool.query<{ key: string; version: string }>('SELECT id AS key, version::text FROM orders'),
    readTarget(),
  ]);
  const targetVersions = new Map(target.map((r) => [r.key, r.version]));
  const sourceKeys = new Set(source.map((r) => r.key));
  let found = 0;
  for (const r of source) if (targetVersions.get(r.key) !== r.version) found++;
  for (const r of target) if (!sourceKeys.has(r.key)) found++;
  return { ms: performance.now() - started, rows: source.length + target.length, found };
}

async function readWholeIndex(url: string, index: string): Promise<KeyRow[]> {
  const out: KeyRow[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const body = {
      size: 10_000,
      _source: false,
      track_total_hits: false,
      docvalue_fields: ['order_id', 'version'],
      sort: [{ order_id: 'asc' }],
      ...(after ? { search_after: after } : {}),
    };
    const { body: page } = await searchRequest(
      { url, timeoutMs: 120_000 },
      { method: 'POST', path: `/${index}/_search`, body, schema: hitsSchema },
    );
    for (const h of page.hits.hits) out.push({ key: String(h.fields.order_id![0]), version: String(h.fields.version![0]), updatedAtMs: 0 });
    if (page.hits.hits.length < 10_000) return out;
    after = page.hits.hits.at(-1)!.sort;
  }
}

async function timedReconcile(source: ReconcileSide, target: ReconcileSide) {
  const started = performance.now();
  const outcome = await reconcile({
    source,
    target,
    nowMs: Date.now(),
    settleMs: SETTLE_MS,
    windowMs: WINDOW_MS,
    historyCursorMs: null,
    budget: { queries: 10_000, rows: 10_000_000 },
    sampleSize: 1000,
    // Extras are confirmed at once here: the benchmark measures finding, not the delete grace time.
    pendingExtras: new Map(),
  });
  return { ms: performance.now() - started, outcome };
}

function report(
  label: string,
  expected: Expected,
  ours: Awaited<ReturnType<typeof timedReconcile>>,
  full: Awaited<ReturnType<typeof fullCompare>>,
) {
  const o = ours.outcome;
  const found = o.counts.missing + o.counts.stale + o.pendingExtra + o.counts.extra;
  const want = expected.missing.length + expected.extra.length + expected.stale.length;
  console.log(`\n${label}: ${ROWS.toLocaleString('en')} rows, ${want} mismatches`);
  console.log(
    `  reconcile     ${(ours.ms / 1000).toFixed(2)} s, ${o.rowsFetched.toLocaleString('en')} rows fetched, ${o.queries} queries, found ${found}`,
  );
  console.log(`  full compare  ${(full.ms / 1000).toFixed(2)} s, ${full.rows.toLocaleString('en')} rows fetched, found ${full.found}`);
  console.log(
    `  rows fetched: ${((100 * o.rowsFetched) / full.rows).toFixed(2)} % of the full compare (goal < 2 %); time ×${(ours.ms / full.ms).toFixed(2)}`,
  );
  if (found !== want || full.found !== want)
    throw new Error(`${label}: expected ${want} mismatches, reconcile found ${found}, full compare ${full.found}`);
}

const startedSearch = (await openSearchStatus()) === undefined;
const node = await startOpenSearch();
const search = createSearchClient({ url: node.url, timeoutMs: 120_000 });
const db = await createScratchDatabase('bench_reconcile');
const pool = new pg.Pool({ connectionString: db.url, max: 4 });
const index = `truthflow-bench-reconcile-${randomUUID().slice(0, 8)}`;
try {
  const setupStarted = performance.now();
  await createSourceTable(pool, 'orders', ROWS, SPREAD_MS, SETTLE_MS);
  const rows = await readSourceRows(pool, 'orders');
  const expected = chooseMismatches(ROWS, MISMATCHES);
  await search.createIndex(index, INDEX_MAPPINGS, { number_of_replicas: 0, number_of_shards: 2, refresh_interval: '-1' });
  await fillIndex(search, index, rows, expected);
  await fillWarehouse(pool, 'orders_wh', rows, expected);
  console.log(`set up in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`);

  const source = postgresSide(pool, { table: 'orders', key: 'id', updatedAt: 'updated_at', version: 'version' }, 'orders');
  const indexTarget = searchSide(
    { url: node.url, timeoutMs: 120_000 },
    { index, id: 'order_id', updatedAt: 'updated_at', version: 'version', hashField: 'truthflow_hash' },
    index,
  );
  const whTarget = postgresSide(pool, { table: 'orders_wh', key: 'order_id', updatedAt: 'updated_at', version: 'version' }, 'orders_wh');
  report(
    'Postgres → OpenSearch',
    expected,
    await timedReconcile(source, indexTarget),
    await fullCompare(pool, () => readWholeIndex(node.url, index)),
  );
  const readWarehouse = async () =>
    (await pool.query<{ key: string; version: string }>('SELECT order_id AS key, version::text FROM orders_wh')).rows.map((r) => ({
      ...r,
      updatedAtMs: 0,
    }));
  report('Postgres → Postgres warehouse', expected, await timedReconcile(source, whTarget), await fullCompare(pool, readWarehouse));
} finally {
  await search.deleteIndex(index).catch(() => undefined);
  await pool.end();
  await db.drop();
  if (startedSearch) await stopOpenSearch();
}
