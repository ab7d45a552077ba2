// The consistency APIs on a real store: stored reconciliation runs come back per configured
// reconciliation (one that never ran says so), the drill-down lists the newest run's keys with
// their order links and filters by reason, and bad input or an unknown name is answered in the one
// error shape. Only the config provider is replaced.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import { parseConfig } from '@/lib/config';
import { findingsForKey, insertReconcileRun, type ReconcileRunWrite } from '@/lib/store/queries/reconcile-runs';
import { consistencyDataSchema, mismatchesDataSchema } from '@/lib/views/consistency/schema';

const current = vi.hoisted(() => ({ config: undefined as unknown }));
vi.mock('@/lib/server-config', () => ({ serverConfig: () => current.config }));

const { GET: OVERVIEW } = await import('./route');
const { GET: DRILL } = await import('./[reconciliation]/route');

useScratchStore('consistency_api');

const reconciliation = (name: string) => ({
  name,
  pipeline: 'orders',
  source: { table: 'orders', key: 'id', updatedAt: 'updated_at', version: 'version' },
  target: { table: 'orders_wh', source: 'shop', id: 'order_id', updatedAt: 'updated_at', version: 'version' },
});

const run = (at: number, counts: { missing: number; stale: number }): ReconcileRunWrite => ({
  reconciliation: 'orders-wh',
  startedAt: new Date(at),
  finishedAt: new Date(at + 500),
  windowFrom: new Date(at - 86_400_000),
  cutoff: new Date(at - 120_000),
  historyFrom: null,
  historyTo: null,
  nextHistoryCursor: null,
  sourceRows: 1000,
  targetRows: 990,
  ...counts,
  extra: 0,
  pendingExtra: 0,
  oldestMismatchAt: new Date(at - 600_000),
  queries: 12,
  rowsFetched: 300,
  budgetQueries: 400,
  budgetRows: 100_000,
  cutShort: false,
  note: null,
  completeness: 1 - (counts.missing + counts.stale) / 1000,
});

beforeAll(async () => {
  current.config = parseConfig(
    JSON.stringify({
      sources: { shop: { kind: 'postgres', url: 'postgresql://127.0.0.1:1/x' } },
      outboxes: [{ name: 'o', source: 'shop', table: 'outbox', layout: 'marked-sent' }],
      pipelines: [{ name: 'orders', systemOfRecord: 'shop', stages: [{ outbox: 'o' }] }],
      reconciliations: [reconciliation('orders-wh'), reconciliation('never-ran')],
    }),
    {},
  );
  const now = Date.now();
  await insertReconcileRun(run(now - 120_000, { missing: 3, stale: 0 }), []);
  const since = new Date(now - 3_600_000);
  await insertReconcileRun(run(now - 60_000, { missing: 1, stale: 1 }), [
    { key: 'ord/7', reason: 'missing', sourceVersion: '2', targetVersion: null, since: new Date(since.getTime() - 1000) },
    { key: 'ord-9', reason: 'stale', sourceVersion: '3', targetVersion: '2', since },
  ]);
});

const get = (handler: typeof OVERVIEW, url: string, params?: Record<string, string>) =>
  handler(new Request(`http://t${url}`), params ? { params: Promise.resolve(params) } : undefined);

describe('GET /api/consistency', () => {
  it('shows each configured reconciliation with its newest run and trend, and says when one never ran', async () => {
    const res = await get(OVERVIEW, '/api/consistency');
    expect(res.status).toBe(200);
    const data = consistencyDataSchema.parse(await res.json());
    const [wh, never] = data.reconciliations;
    expect(wh).toMatchObject({
      name: 'orders-wh',
      lastRun: { missing: 1, stale: 1, queries: 12, budgetQueries: 400, completeness: 0.998 },
    });
    expect(wh!.lastRun!.oldestMismatchAgeSeconds).toBeCloseTo(600.5, 1);
    expect(wh!.trend.map((p) => p.missing)).toEqual([3, 1]);
    expect(never).toMatchObject({ name: 'never-ran', lastRun: null, trend: [] });
  });
});

describe('GET /api/consistency/:reconciliation', () => {
  it('lists the keys of the newest run with links to their order pages, filtered by reason', async () => {
    const all = mismatchesDataSchema.parse(await (await get(DRILL, '/api/consistency/orders-wh', { reconciliation: 'orders-wh' })).json());
    expect(all.mismatches.map((m) => [m.key, m.reason, m.href])).toEqual([
      ['ord/7', 'missing', '/orders/ord%2F7'],
      ['ord-9', 'stale', '/orders/ord-9'],
    ]);
    const stale = await get(DRILL, '/api/consistency/orders-wh?reason=stale', { reconciliation: 'orders-wh' });
    expect(mismatchesDataSchema.parse(await stale.json()).mismatches.map((m) => m.key)).toEqual(['ord-9']);
  });

  it('answers 404 for a name the config does not hold and 400 for a bad reason', async () => {
    expect((await get(DRILL, '/api/consistency/nope', { reconciliation: 'nope' })).status).toBe(404);
    const bad = await get(DRILL, '/api/consistency/orders-wh?reason=gone', { reconciliation: 'orders-wh' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^reason: expected a reason/);
  });
});

describe('one key across reconciliations', () => {
  it('is what the newest run found about it, with when that run finished', async () => {
    const [finding] = await findingsForKey('ord/7');
    expect(finding).toMatchObject({ reconciliation: 'orders-wh', reason: 'missing', sourceVersion: '2', targetVersion: null });
    expect(finding!.foundAt).toBeInstanceOf(Date);
    expect(await findingsForKey('ord-1')).toEqual([]);
  });
});
