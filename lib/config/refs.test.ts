import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './index';

// A small but complete config; each test breaks one reference in it.
const base = `
sources:
  db: { kind: postgres, url: "postgres://127.0.0.1/shop" }
  other-db: { kind: postgres, url: "postgres://127.0.0.1/legacy" }
  events: { kind: kafka, brokers: ["127.0.0.1:9092"] }
  search: { kind: elasticsearch, url: "http://127.0.0.1:9200" }
outboxes:
  - { name: ob, source: db, table: outbox, layout: marked-sent }
  - { name: legacy-ob, source: other-db, table: outbox, layout: marked-sent }
consumers:
  - { name: indexer, source: events, group: g, topics: [t] }
dlqs:
  - { name: dead, source: events, topic: t.dlq }
indexes:
  - { name: idx, source: search, index: orders }
pipelines:
  - { name: checkout, systemOfRecord: db, stages: [{ outbox: ob }, { consumer: indexer }, { dlq: dead }, { index: idx }] }
  - { name: search, systemOfRecord: db, stages: [{ consumer: indexer }] }
features:
  - name: shop
    tier: 0
    owner: team
    pipelines: [checkout]
    slos: [{ name: dl, sli: dlq_inflow, threshold: 0, objective: 0.999 }]
`;

function problemsOf(text: string): string[] {
  try {
    parseConfig(text, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('cross-references', () => {
  it('accepts the intact config', () => {
    expect(problemsOf(base)).toEqual([]);
  });

  it('reports a feature naming an unknown pipeline', () => {
    expect(problemsOf(base.replace('pipelines: [checkout]', 'pipelines: [checkout, serch]'))).toEqual([
      'features[0].pipelines[1]: expected the name of a pipeline (one of: checkout, search), found "serch"',
    ]);
  });

  it('reports a stage naming an unknown outbox, consumer, dlq or index', () => {
    const text = base.replace(
      '{ outbox: ob }, { consumer: indexer }, { dlq: dead }, { index: idx }',
      '{ outbox: obx }, { consumer: idx }, { dlq: dead }, { index: nope }',
    );
    expect(problemsOf(text)).toEqual([
      'pipelines[0].stages[0].outbox: expected the name of an outbox (one of: ob, legacy-ob), found "obx"',
      'pipelines[0].stages[1].consumer: expected the name of a consumer (one of: indexer), found "idx"',
      'pipelines[0].stages[3].index: expected the name of an index (one of: idx), found "nope"',
    ]);
  });

  it('reports a source of the wrong kind, and an unknown source', () => {
    const text = base
      .replace('{ name: ob, source: db', '{ name: ob, source: events')
      .replace('{ name: idx, source: search', '{ name: idx, source: serch');
    expect(problemsOf(text)).toEqual([
      'outboxes[0].source: expected the name of a postgres source (one of: db, other-db), found "events" (a kafka source)',
      'indexes[0].source: expected the name of an opensearch or elasticsearch source (one of: search), found "serch"',
    ]);
  });

  it('reports duplicate names', () => {
    const text = base.replace('{ name: legacy-ob', '{ name: ob');
    expect(problemsOf(text)).toContain('outboxes[1].name: expected a unique name, found "ob" again (first at outboxes[0])');
  });

  it('requires outboxes first and on the system of record', () => {
    expect(problemsOf(base.replace('stages: [{ consumer: indexer }]', 'stages: [{ consumer: indexer }, { outbox: ob }]'))).toEqual([
      'pipelines[1].stages[1].outbox: expected outbox stages first (an outbox sits at the system of record), found one at position 2',
    ]);
    expect(problemsOf(base.replace('{ outbox: ob }, { consumer', '{ outbox: legacy-ob }, { consumer'))).toEqual([
      'pipelines[0].stages[0].outbox: expected an outbox on the system of record "db", found "legacy-ob" on "other-db"',
    ]);
    expect(problemsOf(base.replace('name: checkout, systemOfRecord: db', 'name: checkout, systemOfRecord: events'))[0]).toBe(
      'pipelines[0].systemOfRecord: expected the name of a postgres source (one of: db, other-db), found "events" (a kafka source)',
    );
  });

  it('requires each SLI to be measurable on the feature pipelines', () => {
    expect(problemsOf(base.replace('pipelines: [checkout]', 'pipelines: [search]'))).toEqual([
      "features[0].slos[0].sli: expected a dlq stage in the feature's pipelines (search) to measure dlq_inflow, found none",
    ]);
    expect(problemsOf(base.replace('pipelines: [checkout]', 'pipelines: []'))).toEqual([
      'features[0].slos[0].sli: expected the feature to list a pipeline to measure dlq_inflow on, found none',
    ]);
  });

  it('reports schema and reference problems together', () => {
    const text = base.replace('tier: 0', 'tier: 7').replace('pipelines: [checkout]', 'pipelines: [chekout]');
    expect(problemsOf(text)).toEqual([
      'features[0].tier: expected one of 0, 1, 2, found 7',
      'features[0].pipelines[0]: expected the name of a pipeline (one of: checkout, search), found "chekout"',
    ]);
  });
});
