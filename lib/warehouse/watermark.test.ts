import { describe, expect, it } from 'vitest';
import type { WatermarkConfig } from '@/lib/config/schema-flows';
import { buildWatermarkQueries } from './watermark';

const base: WatermarkConfig = { name: 'w', source: 'dw', table: 'analytics.orders_fact', eventTimeColumn: 'occurred_at' };

describe('buildWatermarkQueries', () => {
  it('quotes every identifier from the config and binds the loader key and previous values', () => {
    const q = buildWatermarkQueries({ ...base, keyColumn: 'loader', key: "orders'; DROP TABLE x", loadedAtColumn: 'loaded_at' });
    expect(q.watermark.text).toContain('max("occurred_at")');
    expect(q.watermark.text).toContain('FROM "analytics"."orders_fact" WHERE "loader" = $1');
    expect(q.watermark.values).toEqual(["orders'; DROP TABLE x"]);
    const late = q.late!('2026-01-01 00:00:00+00', '2025-12-31 23:59:00+00');
    expect(late.text).toContain('"loaded_at" > $2::timestamptz AND "loaded_at" <= now() AND "occurred_at" < $3::timestamptz');
    expect(late.values).toEqual(["orders'; DROP TABLE x", '2026-01-01 00:00:00+00', '2025-12-31 23:59:00+00']);
  });

  it('has no late-arrival query without a load-time column', () => {
    expect(buildWatermarkQueries(base).late).toBeUndefined();
  });
});
