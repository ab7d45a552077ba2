// The watermark collector against a real Postgres: a scratch database plays the warehouse, with a
// fact table (event time + load time) and a watermark table a loader writes.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type TruthflowConfig } from '@/lib/config';
import type { WatermarkConfig } from '@/lib/config/schema-flows';
import { TruthflowError } from '@/lib/errors';
import { createLogger } from '@/lib/log';
import { SERIES } from '@/lib/series-names';
import { createClients, type Clients } from '@/lib/sources/clients';
import { createScratchDatabase, type ScratchDatabase } from '@/e2e/fixtures/scratch-db';
import type { JobOutput } from './types';
import { watermarkCollector, type WatermarkState } from './watermark';

let db: ScratchDatabase;
let admin: pg.Pool;
let clients: Clients;
let config: TruthflowConfig;
const log = createLogger('test');

const watermarks = [
  { name: 'orders-fact', source: 'dw', table: 'analytics.orders_fact', eventTimeColumn: 'occurred_at', loadedAtColumn: 'loaded_at' },
  { name: 'loader', source: 'dw', table: 'loader_watermarks', eventTimeColumn: 'watermark', keyColumn: 'loader', key: 'orders' },
  { name: 'empty', source: 'dw', table: 'analytics.empty_fact', eventTimeColumn: 'occurred_at' },
  { name: 'misspelt', source: 'dw', table: 'analytics.orders_fact', eventTimeColumn: 'occured_at' },
];

beforeAll(async () => {
  db = await createScratchDatabase('watermark');
  admin = new pg.Pool({ connectionString: db.url, max: 2 });
  config = parseConfig(JSON.stringify({ sources: { dw: { kind: 'postgres', url: db.url } }, watermarks }), {});
  clients = createClients(config);
  await admin.query(`
    CREATE SCHEMA analytics;
    CREATE TABLE analytics.orders_fact (id bigserial PRIMARY KEY, occurred_at timestamptz NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE analytics.empty_fact (LIKE analytics.orders_fact INCLUDING DEFAULTS);
    CREATE TABLE loader_watermarks (loader text PRIMARY KEY, watermark timestamptz NOT NULL);`);
});

afterAll(async () => {
  await clients?.closeAll();
  await admin?.end();
  await db?.drop();
});

const target = (name: string): WatermarkConfig => config.watermarks.find((w) => w.name === name)!;
function collect(name: string, state: WatermarkState): Promise<JobOutput> {
  return watermarkCollector.collect({
    target: target(name),
    config,
    clients,
    now: () => new Date(),
    signal: new AbortController().signal,
    state,
    log,
  });
}
const value = (out: JobOutput, metric: string) => out.samples.find((s) => s.metric === metric)?.value;

describe('watermark collector', () => {
  it('measures watermark lag, then late arrivals per minute between two runs', async () => {
    await admin.query(`INSERT INTO analytics.orders_fact (occurred_at)
      SELECT now() - make_interval(secs => 60 + i) FROM generate_series(0, 59) i`);
    const state: WatermarkState = {};
    const started = Date.now();
    const first = await collect('orders-fact', state);
    const firstEnd = Date.now();
    const lag = value(first, SERIES.watermarkLagSeconds)!;
    expect(lag).toBeGreaterThanOrEqual(60);
    expect(lag).toBeLessThan(60 + (Date.now() - started) / 1000 + 1);
    expect(value(first, SERIES.watermarkLateArrivalsPerMinute)).toBeUndefined(); // no previous watermark yet

    await new Promise((r) => setTimeout(r, 1000));
    // Six rows older than the watermark the first run saw (late), two newer ones (on time).
    await admin.query(`INSERT INTO analytics.orders_fact (occurred_at)
      SELECT now() - interval '300 seconds' FROM generate_series(1, 6)
      UNION ALL SELECT now() - interval '10 seconds' FROM generate_series(1, 2)`);
    const secondStart = Date.now();
    const second = await collect('orders-fact', state);
    const after = Date.now();
    expect(value(second, SERIES.watermarkLagSeconds)).toBeGreaterThanOrEqual(10);
    expect(value(second, SERIES.watermarkLagSeconds)).toBeLessThan(12);
    const late = value(second, SERIES.watermarkLateArrivalsPerMinute)!;
    // 6 rows over the time between the two runs' now(), which lies within these wall-clock bounds.
    expect(late).toBeGreaterThanOrEqual((6 * 60) / ((after - started) / 1000 + 0.05));
    expect(late).toBeLessThanOrEqual((6 * 60) / ((secondStart - firstEnd) / 1000 - 0.05));

    const third = await collect('orders-fact', state);
    expect(value(third, SERIES.watermarkLateArrivalsPerMinute)).toBe(0);
  });

  it("reads a loader's own row of a watermark table", async () => {
    await admin.query(`INSERT INTO loader_watermarks VALUES ('orders', now() - interval '30 seconds'), ('payments', now())`);
    const out = await collect('loader', {});
    expect(value(out, SERIES.watermarkLagSeconds)).toBeGreaterThanOrEqual(30);
    expect(value(out, SERIES.watermarkLagSeconds)).toBeLessThan(32);
  });

  it('reports no lag for an empty table (unknown, not zero), and a misspelt column as a config problem', async () => {
    const empty = await collect('empty', {});
    expect(empty.samples).toEqual([]);
    expect(empty.notes).toEqual(['analytics.empty_fact holds no occurred_at yet; lag unknown']);
    const error = await collect('misspelt', {}).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TruthflowError);
    expect((error as TruthflowError).kind).toBe('config');
  });
});
