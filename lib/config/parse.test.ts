import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, type Env, durationSeconds, parseConfig } from './index';

const here = import.meta.dirname;
const read = (file: string) => readFileSync(path.join(here, file), 'utf8');
const example = read('../../truthflow.yaml');

/** The problems a text produces (and the assertion that it produces some). */
function problemsOf(text: string, env: Env = {}): string[] {
  try {
    parseConfig(text, env, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

const minimal = read('../../e2e/fixtures/config/minimal.yaml');

describe('parseConfig', () => {
  it('parses the example truthflow.yaml with an empty environment, defaults applied', () => {
    const cfg = parseConfig(example, {});
    expect(Object.keys(cfg.sources)).toEqual(['shop-db', 'events', 'search', 'shop-cache']);
    expect(cfg.sources['shop-cache']).toMatchObject({
      kind: 'redis',
      nodes: ['127.0.0.1:16379', '127.0.0.1:16380'],
      topology: 'replicated',
    });
    expect(cfg.sources['shop-db']).toEqual({
      name: 'shop-db',
      kind: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/truthflow_shop',
    });
    expect(cfg.sources.events).toMatchObject({ kind: 'kafka', brokers: ['127.0.0.1:19092'], clientId: 'truthflow' });
    expect(cfg.outboxes[0]?.columns).toEqual({
      id: 'id',
      aggregateType: 'aggregate_type',
      aggregateId: 'aggregate_id',
      createdAt: 'created_at',
      sentAt: 'sent_at',
    });
    expect(cfg.dlqs[0]).toMatchObject({ topic: 'order-events.dlq', piiFields: ['email', 'address'], peekLimit: 20 });
    expect(cfg.features.map((f) => [f.name, f.tier])).toEqual([
      ['checkout', 0],
      ['search', 1],
      ['analytics', 2],
      ['cart', 1],
      ['audit', 1],
    ]);
    expect(cfg.features[0]?.slos[0]).toMatchObject({ sli: 'outbox_oldest_unsent_age', threshold: 30, objective: 0.999, period: '30d' });
    expect(cfg.pipelines[0]?.stages).toEqual([{ kind: 'outbox', name: 'orders-outbox' }]);
    expect(cfg.pipelines.find((p) => p.name === 'orders-to-search')?.stages).toEqual([
      { kind: 'outbox', name: 'orders-outbox' },
      { kind: 'consumer', name: 'search-indexer' },
      { kind: 'dlq', name: 'search-dlq' },
      { kind: 'index', name: 'orders' },
    ]);
    expect(cfg.collectors).toEqual({ intervalSeconds: 10, timeoutSeconds: 8, metricsPort: 9464 });
    expect(cfg.traces.maxBodyBytes).toBe(4 * 1024 * 1024);
    expect(cfg.traces.businessKeys).toContain('messaging.message.id');
    expect(cfg.auth).toBeUndefined();
  });

  it('fills in defaults for everything a minimal file leaves out', () => {
    const cfg = parseConfig(minimal, {});
    expect(cfg.outboxes[0]).toMatchObject({
      layout: 'delete-after-publish',
      columns: { aggregateType: 'aggregatetype', aggregateId: 'aggregateid' },
    });
    expect(cfg.consumers).toEqual([]);
    expect(cfg.alerts.webhooks).toEqual([]);
    expect(cfg.collectors.intervalSeconds).toBe(10);
    expect(cfg.traces.businessKeys).toEqual(['order_id', 'order.id', 'app.order_id', 'event_id', 'messaging.message.id']);
  });

  it('lists every problem of a file, each with its path', () => {
    const error = (() => {
      try {
        parseConfig(read('../../e2e/fixtures/config/many-problems.yaml'), {}, '/etc/truthflow.yaml');
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error?.path).toBe('/etc/truthflow.yaml');
    expect(error?.problems.sort()).toEqual([
      'collectors.metricsPort: expected a number, found "http"',
      'features[0].slos[0].threshold: expected a number, found "ten"',
      'features[0].slos[0]: unknown field "thresold" (did you mean "threshold"?)',
      'features[0].tier: expected one of 0, 1, 2, found 3',
      'features[1].pipelines[0]: expected the name of a pipeline (one of: checkout, search), found "serch"',
    ]);
    expect(error?.message.split('\n')[0]).toBe('config file /etc/truthflow.yaml: 5 problems');
    expect(error?.message.split('\n')).toHaveLength(6);
  });

  it('reports unknown fields at any depth, top level included', () => {
    expect(problemsOf(`${minimal}\nfeautres: []\n`)).toEqual(['(top level): unknown field "feautres" (did you mean "features"?)']);
    expect(problemsOf(minimal.replace('layout:', 'colour: red, layout:'))).toEqual([
      'outboxes[0]: unknown field "colour" (known fields: name, source, table, layout, columns, replicationSlot)',
    ]);
  });

  it('reports bad enums with the allowed values', () => {
    expect(problemsOf(minimal.replace('delete-after-publish', 'sideways'))).toEqual([
      'outboxes[0].layout: expected one of marked-sent, delete-after-publish, found "sideways"',
    ]);
    expect(problemsOf(minimal.replace('kind: postgres', 'kind: mysql'))).toEqual([
      'sources.db.kind: expected one of postgres, kafka, opensearch, elasticsearch, redis, found "mysql"',
    ]);
    expect(problemsOf(minimal.replace('outbox_oldest_unsent_age', 'latency'))[0]).toMatch(
      /^features\[0\]\.slos\[0\]\.sli: expected one of outbox_oldest_unsent_age, freshness, .*, found "latency"$/,
    );
  });

  it('says which types a field accepts when it takes more than one', () => {
    const kafka = (ssl: string) => `sources:\n  k: { kind: kafka, brokers: "k1:9092,k2:9092", ssl: ${ssl} }\n`;
    expect(problemsOf(kafka('yes'))).toEqual(['sources.k.ssl: expected true or false or an object, found "yes"']);
    expect(problemsOf(kafka('{ ca: 1 }'))).toEqual(['sources.k.ssl.ca: expected a string, found 1']);
    expect(parseConfig(kafka('{ ca: /etc/ca.pem }'), {}).sources.k).toMatchObject({
      brokers: ['k1:9092', 'k2:9092'],
      ssl: { ca: '/etc/ca.pem', rejectUnauthorized: true },
    });
  });

  it('rejects identifiers that would need escaping (quotes, spaces, semicolons)', () => {
    expect(problemsOf(minimal.replace('app.outbox', '"out box"'))).toEqual([
      'outboxes[0].table: expected a table name of letters, digits and "_", optionally schema-qualified (schema.table), found "out box"',
    ]);
    const quoted = minimal.replace(
      'layout: delete-after-publish',
      'layout: delete-after-publish, columns: { id: "id\\"; drop table x; --" }',
    );
    expect(problemsOf(quoted)).toEqual([
      'outboxes[0].columns.id: expected a column name of letters, digits and "_" (not starting with a digit), found "id\\"; drop table x; --"',
    ]);
    expect(problemsOf(minimal.replace('app.outbox', 'a.b.c'))[0]).toMatch(/^outboxes\[0\]\.table: expected a table name/);
  });

  it('accepts numbers and tiers spelled as strings (as environment variables deliver them)', () => {
    const cfg = parseConfig(`${minimal.replace('tier: 0', 'tier: "0"')}\ncollectors: { intervalSeconds: "30", metricsPort: "9999" }\n`, {});
    expect(cfg.features[0]?.tier).toBe(0);
    expect(cfg.collectors).toMatchObject({ intervalSeconds: 30, metricsPort: 9999 });
  });

  it('checks field relations inside a section', () => {
    expect(problemsOf(`${minimal}\ncollectors: { intervalSeconds: 5, timeoutSeconds: 5 }\n`)).toEqual([
      'collectors.timeoutSeconds: expected less than intervalSeconds (5), found 5',
    ]);
    const twoKinds = minimal.replace('stages: [{ outbox: ob }]', 'stages: [{ outbox: ob, dlq: x }]');
    expect(problemsOf(twoKinds)).toEqual([
      'pipelines[0].stages[0]: expected exactly one of outbox, consumer, dlq, index, cdc, cache, watermark, found outbox and dlq',
    ]);
  });
});

describe('durationSeconds', () => {
  it('converts SLO periods', () => {
    expect(durationSeconds('30d')).toBe(30 * 86_400);
    expect(durationSeconds('12h')).toBe(43_200);
    expect(() => durationSeconds('30 days')).toThrow();
  });
});
