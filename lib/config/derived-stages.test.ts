// The stage kinds for CDC slots, caches and warehouse watermarks, and the redis source kind.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './index';

const base = `
sources:
  db: { kind: postgres, url: "postgres://127.0.0.1/shop" }
  dw: { kind: postgres, url: "postgres://127.0.0.1/warehouse" }
  events: { kind: kafka, brokers: ["127.0.0.1:9092"] }
  cache: { kind: redis, nodes: ["127.0.0.1:16379", "127.0.0.1:16380"], topology: replicated, auth: { password: "\${REDIS_PASSWORD}" } }
cdc:
  - { name: orders-slot, source: db, slots: [debezium_orders], safeWalSizeMinBytes: 1048576 }
caches:
  - { name: cart-cache, source: cache }
watermarks:
  - { name: orders-fact, source: dw, table: analytics.orders_fact, eventTimeColumn: occurred_at, loadedAtColumn: loaded_at }
pipelines:
  - { name: cdc, systemOfRecord: db, stages: [{ cdc: orders-slot }, { watermark: orders-fact }] }
  - { name: carts, systemOfRecord: db, stages: [{ cache: cart-cache }] }
`;

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, { REDIS_PASSWORD: 'secret' });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('cdc, cache and watermark stages', () => {
  it('parses the sections, the redis source and the new stage kinds', () => {
    const config = parseConfig(base, { REDIS_PASSWORD: 'secret' });
    expect(config.cdc[0]).toEqual({ name: 'orders-slot', source: 'db', slots: ['debezium_orders'], safeWalSizeMinBytes: 1048576 });
    expect(config.sources.cache).toMatchObject({ kind: 'redis', nodes: ['127.0.0.1:16379', '127.0.0.1:16380'], tls: false });
    expect(config.pipelines.flatMap((p) => p.stages)).toEqual([
      { kind: 'cdc', name: 'orders-slot' },
      { kind: 'watermark', name: 'orders-fact' },
      { kind: 'cache', name: 'cart-cache' },
    ]);
  });

  it('checks the kind of source each stage names, and the watermark key pair', () => {
    expect(problemsOf(base.replace('source: db, slots', 'source: events, slots'))).toEqual([
      'cdc[0].source: expected the name of a postgres source (one of: db, dw), found "events" (a kafka source)',
    ]);
    expect(problemsOf(base.replace('{ name: cart-cache, source: cache }', '{ name: cart-cache, source: db }'))).toEqual([
      'caches[0].source: expected the name of a redis source (one of: cache), found "db" (a postgres source)',
    ]);
    expect(problemsOf(base.replace('loadedAtColumn: loaded_at', 'keyColumn: loader'))).toEqual([
      'watermarks[0].key: expected keyColumn and key together, found only one of them',
    ]);
    expect(problemsOf(base.replace('slots: [debezium_orders]', 'slots: ["Bad-Slot"]'))[0]).toContain('cdc[0].slots[0]');
  });

  it('wants the redis password from the environment', () => {
    expect(problemsOf(base.replace('"${REDIS_PASSWORD}"', 'hunter2'))).toEqual([
      'sources.cache.auth.password: expected a secret from an environment variable such as ${TRUTHFLOW_SOURCES_CACHE_AUTH_PASSWORD}, found a literal value',
    ]);
  });
});
