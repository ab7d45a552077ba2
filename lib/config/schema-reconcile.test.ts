import { describe, expect, it } from 'vitest';
import { durationMs, reconciliationSchema } from './schema-reconcile';

const base = {
  name: 'orders-search',
  pipeline: 'orders',
  source: { table: 'shop.orders', key: 'id', updatedAt: 'updated_at', version: 'version' },
  target: { index: 'orders', id: 'order_id', updatedAt: 'updated_at', version: 'version' },
};
const problems = (value: unknown) => {
  const r = reconciliationSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('reconciliations in the config', () => {
  it('fill in settle, window, budget and the hash field', () => {
    const r = reconciliationSchema.parse(base);
    expect(r.settle).toBe(120_000);
    expect(r.window).toBe(86_400_000);
    expect(r.every).toBe(60_000);
    expect(r.budget).toEqual({ queries: 400, rows: 100_000 });
    expect(r.target.hashField).toBe('truthflow_hash');
    expect(durationMs('30s')).toBe(30_000);
  });

  it('refuse identifiers that would need escaping, and a target that is neither or both', () => {
    expect(problems({ ...base, source: { ...base.source, key: 'id; drop table x' } })[0]).toMatch(/^source.key: expected a column name/);
    expect(problems({ ...base, target: { ...base.target, table: 'wh.orders' } })[0]).toMatch(/exactly one of index, table, found both/);
    const warehouse = { table: 'wh.orders', id: 'order-id', updatedAt: 'updated_at', version: 'version' };
    expect(problems({ ...base, target: warehouse })).toEqual([
      'target.source: expected the postgres source holding the table',
      'target.id: expected a column name of letters, digits and "_"',
    ]);
  });

  it('need the target version when the source has one, and a settle shorter than the window', () => {
    const noVersion = { ...base, target: { index: 'orders', id: 'order_id', updatedAt: 'updated_at' } };
    expect(problems(noVersion)).toEqual(['target.version: expected the target version field, since the source names a version column']);
    expect(problems({ ...base, settle: '2h', window: '1h' })).toEqual(['settle: expected a settle time shorter than the window']);
    expect(problems({ ...base, settle: '2 minutes' })[0]).toMatch(/^settle: expected a duration/);
  });
});
