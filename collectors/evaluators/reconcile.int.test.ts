// The reconcile evaluator end to end on real Postgres: a system-of-record table and a warehouse
// copy with known mismatches, parsed from a config as truthflow.yaml would give it; runs stored in
// a scratch Truthflow store with their key sample, the history cursor carried from run to run, and
// the completeness and mismatch counts returned as samples.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseMismatches, createSourceTable, fillWarehouse, readSourceRows, type Expected } from '@/e2e/fixtures/reconcile-data';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import { createLogger } from '@/lib/log';
import { SERIES } from '@/lib/series-names';
import { lastHistoryCursor, latestReconcileRuns, reconcileMismatches } from '@/lib/store/queries/reconcile-runs';
import { reconcileEvaluator, type ReconcileState } from './reconcile';

useScratchStore('reconcile_eval');

const ROWS = 5_000;
let db: ScratchDatabase;
let pool: pg.Pool;
let config: TruthflowConfig;
let expected: Expected;

beforeAll(async () => {
  db = await createScratchDatabase('reconcile_src');
  pool = new pg.Pool({ connectionString: db.url });
  // Rows spread over three days: the 24 h window holds a third, the rest is history.
  await createSourceTable(pool, 'orders', ROWS, 3 * 86_400_000, 60_000);
  const rows = await readSourceRows(pool, 'orders');
  expected = chooseMismatches(ROWS, { missing: 5, extra: 0, stale: 4 });
  await fillWarehouse(pool, 'orders_wh', rows, expected);
  const file = {
    sources: { shop: { kind: 'postgres', url: db.url }, warehouse: { kind: 'postgres', url: db.url } },
    outboxes: [{ name: 'orders-outbox', source: 'shop', table: 'outbox', layout: 'marked-sent' }],
    pipelines: [{ name: 'orders', systemOfRecord: 'shop', stages: [{ outbox: 'orders-outbox' }] }],
    reconciliations: [
      {
        name: 'orders-warehouse',
        pipeline: 'orders',
        source: { table: 'orders', key: 'id', updatedAt: 'updated_at', version: 'version' },
        target: { table: 'orders_wh', source: 'warehouse', id: 'order_id', updatedAt: 'updated_at', version: 'version' },
        settle: '1m',
        window: '24h',
        every: '1s',
      },
    ],
  };
  config = parseConfig(JSON.stringify(file), {});
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('the reconcile evaluator', () => {
  it('stores each run with its key sample, walks history run by run, and returns completeness', async () => {
    const [target] = reconcileEvaluator.targets(config);
    expect(target?.name).toBe('orders-warehouse');
    const state: ReconcileState = reconcileEvaluator.initialState(target!);
    let clock = Date.now();
    const ctx = () => ({
      target: target!,
      config,
      now: () => new Date(clock),
      signal: new AbortController().signal,
      state,
      log: createLogger('test'),
    });
    const found = new Set<string>();
    const cursors: Array<number | null> = [];
    try {
      for (let run = 0; run < 4; run++) {
        const output = await reconcileEvaluator.evaluate(ctx());
        const [latest] = await latestReconcileRuns();
        expect(latest?.cutShort).toBe(false);
        for (const m of await reconcileMismatches(latest!.id, 100)) found.add(`${m.reason} ${m.key}`);
        cursors.push((await lastHistoryCursor('orders-warehouse'))?.getTime() ?? null);
        const completeness = output.samples.find((s) => s.metric === SERIES.reconcileCompleteness);
        expect(completeness?.value).toBeGreaterThan(0.99);
        expect(completeness?.value).toBeLessThanOrEqual(1);
        clock += 2_000;
      }
    } finally {
      for (const p of state.pools) await p.end();
    }
    // Three days of rows: the window plus two history slices cover all of them, so every chosen key was found.
    expect([...found].sort()).toEqual([...expected.missing.map((k) => `missing ${k}`), ...expected.stale.map((k) => `stale ${k}`)].sort());
    // The cursor walks back one window per run, then starts over behind the window.
    expect(cursors[0]).not.toBeNull();
    expect(cursors[1]!).toBeLessThan(cursors[0]!);
    expect(cursors[2]).toBeNull();
  });

  it('skips a run that is not due yet', async () => {
    const [target] = reconcileEvaluator.targets(config);
    const state: ReconcileState = { pendingExtras: new Map(), pools: [], lastRunMs: Date.now(), lastSummary: '0 missing' };
    const output = await reconcileEvaluator.evaluate({
      target: target!,
      config,
      now: () => new Date(),
      signal: new AbortController().signal,
      state,
      log: createLogger('test'),
    });
    expect(output.summary).toMatch(/^0 missing \(next run in \d+ s\)$/);
    expect(output.samples).toEqual([]);
    expect(state.pools).toHaveLength(0);
  });
});
