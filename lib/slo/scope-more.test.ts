// The scoping rule for the SLIs of CDC slots, warehouse watermarks, caches and reconciliations,
// and the one SLI where low is bad (the cache hit ratio).
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { readerOf, type StoredReading } from '@/e2e/fixtures/series-reader';
import { SERIES } from '../series-names';
import { readingFreshForSeconds, sliScope } from './hops';
import { computeSli } from './sli';
import { sloStatus } from './status';

const config = parseConfig(
  `
sources:
  db: { kind: postgres, url: 'postgres://127.0.0.1:5432/shop' }
  dw: { kind: postgres, url: 'postgres://127.0.0.1:5432/dw' }
  cache: { kind: redis, nodes: ['127.0.0.1:16379'] }
cdc: [{ name: slot, source: db }]
watermarks: [{ name: loaded, source: dw, table: facts, eventTimeColumn: occurred_at }]
caches: [{ name: carts, source: cache }]
pipelines:
  - { name: to-dw, systemOfRecord: db, stages: [{ cdc: slot }, { watermark: loaded }] }
  - { name: carts, systemOfRecord: db, stages: [{ cdc: slot }, { cache: carts }] }
reconciliations:
  - name: facts-vs-orders
    pipeline: to-dw
    source: { table: orders, key: id, updatedAt: updated_at }
    target: { source: dw, table: facts, id: order_id, updatedAt: updated_at }
    every: 5m
features:
  - name: reports
    tier: 2
    owner: t
    pipelines: [to-dw]
    slos:
      - { name: cdc, sli: cdc_lag_seconds, threshold: 60, objective: 0.99 }
      - { name: wal, sli: wal_retained_bytes, threshold: 1073741824, objective: 0.99 }
      - { name: loaded, sli: watermark_lag_seconds, threshold: 900, objective: 0.99 }
      - { name: fresh, sli: freshness, threshold: 900, objective: 0.99 }
      - { name: complete, sli: completeness, threshold: 0, objective: 0.999 }
  - name: shop
    tier: 1
    owner: t
    pipelines: [carts]
    slos:
      - { name: hits, sli: cache_hit_ratio, threshold: 0.8, objective: 0.99 }
      - { name: evictions, sli: cache_evictions, threshold: 10, objective: 0.99 }
`,
  {},
);
const feature = (name: string) => config.features.find((f) => f.name === name)!;
const slo = (f: string, name: string) => feature(f).slos.find((s) => s.name === name)!;
const scopeOf = (f: string, s: string) => sliScope(config, feature(f), slo(f, s)).map((h) => `${h.kind}:${h.name}`);

describe('scope of the CDC, watermark, cache and completeness SLIs', () => {
  it('CDC lag and retained WAL: the slots', () => {
    expect(scopeOf('reports', 'cdc')).toEqual(['cdc:slot']);
    expect(scopeOf('reports', 'wal')).toEqual(['cdc:slot']);
  });
  it('watermark lag: the watermark stage; freshness: the whole path', () => {
    expect(scopeOf('reports', 'loaded')).toEqual(['watermark:loaded']);
    expect(scopeOf('reports', 'fresh')).toEqual(['cdc:slot', 'watermark:loaded']);
  });
  it('cache SLIs: the cache only, never the slot feeding it', () => {
    expect(scopeOf('shop', 'hits')).toEqual(['cache:carts']);
    expect(scopeOf('shop', 'evictions')).toEqual(['cache:carts']);
  });
  it('completeness: the reconciliations of the feature pipelines, read as fresh for two of their runs', () => {
    expect(scopeOf('reports', 'complete')).toEqual(['reconciliation:facts-vs-orders']);
    expect(scopeOf('shop', 'hits')).not.toContain('reconciliation:facts-vs-orders');
    expect(readingFreshForSeconds(config, feature('reports'), slo('reports', 'complete'))).toBe(600);
    expect(readingFreshForSeconds(config, feature('reports'), slo('reports', 'cdc'))).toBe(2 * config.collectors.intervalSeconds);
  });
});

const ts = new Date();

async function statusOf(f: string, s: string, readings: StoredReading[]) {
  const sli = await computeSli(config, feature(f), slo(f, s), readerOf(readings));
  const badWhen = s === 'hits' ? ('below' as const) : ('above' as const);
  return {
    sli,
    status: sloStatus({
      latestValue: sli.value,
      latestAgeSeconds: 0,
      staleAfterSeconds: 20,
      threshold: slo(f, s).threshold,
      badWhen,
      budgetRemaining: 1,
      warnings: sli.warnings,
    }),
  };
}

describe('values and direction', () => {
  it('a hit ratio below its threshold is the breach, and names the cache', async () => {
    const low = await statusOf('shop', 'hits', [
      { metric: SERIES.cacheHitRatio, labels: { cache: 'carts' }, ts, value: 0.42 },
      { metric: SERIES.cacheHitRatio, labels: { cache: 'carts', node: 'a' }, ts, value: 0.99 }, // per node: not the SLI
    ]);
    expect(low.status).toBe('at_risk');
    expect(low.sli.overThreshold).toMatchObject({
      hop: { kind: 'cache', name: 'carts' },
      words: 'carts: hit ratio 42 % (below threshold 0.8)',
    });
    const high = await statusOf('shop', 'hits', [{ metric: SERIES.cacheHitRatio, labels: { cache: 'carts' }, ts, value: 0.95 }]);
    expect(high.status).toBe('ok');
  });
  it('completeness counts missing and stale keys, not extra ones', async () => {
    const reading = (reason: string, value: number) => ({
      metric: SERIES.reconcileMismatchedKeys,
      labels: { reconciliation: 'facts-vs-orders', reason },
      ts,
      value,
    });
    const { sli, status } = await statusOf('reports', 'complete', [reading('missing', 2), reading('stale', 1), reading('extra', 40)]);
    expect(sli.value).toBe(3);
    expect(status).toBe('at_risk');
    expect(sli.overThreshold?.hop).toEqual({ kind: 'reconciliation', name: 'facts-vs-orders' });
  });
  it('an unread slot makes CDC lag unknown, naming the slot', async () => {
    const { sli, status } = await statusOf('reports', 'cdc', []);
    expect(status).toBe('unknown');
    expect(sli.missing[0]!.hop).toEqual({ kind: 'cdc', name: 'slot' });
  });
  it('freshness through a slot into a warehouse: the slot lag, at least the watermark lag', async () => {
    const slotAt = (v: number) => ({ metric: SERIES.cdcLagSeconds, labels: { cdc: 'slot', slot: 's1' }, ts, value: v });
    const loadedAt = (v: number) => ({ metric: SERIES.watermarkLagSeconds, labels: { watermark: 'loaded' }, ts, value: v });
    const behindLoader = await computeSli(config, feature('reports'), slo('reports', 'fresh'), readerOf([slotAt(30), loadedAt(1000)]));
    expect(behindLoader).toMatchObject({ value: 1000, overThreshold: { hop: { kind: 'watermark', name: 'loaded' } } });
    const behindSlot = await computeSli(config, feature('reports'), slo('reports', 'fresh'), readerOf([slotAt(950), loadedAt(40)]));
    expect(behindSlot).toMatchObject({ value: 950, overThreshold: { hop: { kind: 'cdc', name: 'slot' } } });
  });
  it('a stopped slot is a leading signal on its CDC SLIs, before the lag passes the threshold', async () => {
    const { sli, status } = await statusOf('reports', 'cdc', [
      { metric: SERIES.cdcLagSeconds, labels: { cdc: 'slot', slot: 's1' }, ts, value: 5 },
      { metric: SERIES.cdcSlotSignal, labels: { cdc: 'slot', slot: 's1', signal: 'stopped' }, ts, value: 1 },
    ]);
    expect(status).toBe('at_risk');
    expect(sli.warnings).toEqual([
      { hop: { kind: 'cdc', name: 'slot' }, signal: 'stalled', figure: null, words: 'slot: slot s1 inactive while its retained WAL grows' },
    ]);
  });
});
