import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import type { CheckResult } from './checks/types';
import { expectedPipeline } from './expected';
import { chooseFeature } from './feature';
import { journey, tspan } from '@/e2e/fixtures/order-journeys';

const config = parseConfig(
  `
sources:
  db: { kind: postgres, url: "postgres://127.0.0.1:1/shop" }
  events: { kind: kafka, brokers: "127.0.0.1:1" }
  search: { kind: opensearch, url: "http://127.0.0.1:1" }
outboxes: [{ name: orders-outbox, source: db, table: outbox, layout: marked-sent }]
consumers: [{ name: search-indexer, source: events, group: search-indexer, topics: [order-events] }]
dlqs: [{ name: search-dlq, source: events, topic: order-events.dlq }]
indexes: [{ name: orders, source: search, index: orders }]
pipelines:
  - { name: orders-to-search, systemOfRecord: db, stages: [{ outbox: orders-outbox }, { consumer: search-indexer }, { dlq: search-dlq }, { index: orders }] }
features:
  - { name: analytics, tier: 2, owner: data, pipelines: [orders-to-search] }
  - { name: checkout, tier: 0, owner: team, pipelines: [orders-to-search] }
`,
  {},
);
const pipeline = config.pipelines[0]!;
const check = (kind: CheckResult['kind'], target: string, status: CheckResult['status'], phrase: string): CheckResult => ({
  kind,
  target,
  status,
  phrase,
  summary: phrase,
  checkedAt: '',
  durationMs: 1,
});

describe('expected pipeline and the first missing hop', () => {
  it('flags a commit that was never published, with the outbox check as evidence', () => {
    const [checkout, insert] = journey();
    const p = expectedPipeline(
      config,
      pipeline,
      [checkout!, insert!],
      [check('outbox', 'orders-outbox', 'found', 'outbox row still unsent')],
    );
    expect(p.hops.map((h) => [h.kind, h.observed !== null])).toEqual([
      ['commit', true],
      ['publish', false],
      ['consume', false],
      ['index', false],
    ]);
    expect(p.firstMissing).toEqual({ index: 1, words: 'committed in Postgres 14:02:11, never published: outbox row still unsent' });
  });

  it('flags the missing index hop after consumption, with what search says', () => {
    const p = expectedPipeline(config, pipeline, journey(), [
      check('search', 'orders', 'unknown', 'search document could not be checked (could not connect: ECONNREFUSED)'),
    ]);
    expect(p.firstMissing?.words).toBe(
      'consumed by search-indexer 14:02:16, never indexed in orders: search document could not be checked (could not connect: ECONNREFUSED)',
    );
  });

  it('explains a consumer that never got the message by a DLQ hit, not by a DLQ miss', () => {
    const spans = journey().slice(0, 3);
    expect(
      expectedPipeline(config, pipeline, spans, [check('dlq', 'search-dlq', 'absent', 'no message in DLQ order-events.dlq')]).firstMissing
        ?.words,
    ).toBe('published to Kafka topic order-events 14:02:13, never consumed by search-indexer');
    expect(
      expectedPipeline(config, pipeline, spans, [check('dlq', 'search-dlq', 'found', '1 message with this id in DLQ order-events.dlq')])
        .firstMissing?.words,
    ).toBe(
      'published to Kafka topic order-events 14:02:13, never consumed by search-indexer: 1 message with this id in DLQ order-events.dlq',
    );
  });

  it('says when the hop before the gap failed, and reports none missing when all are there', () => {
    const spans = journey();
    spans[3] = { ...spans[3]!, statusCode: 2, statusMessage: 'mapper_parsing_exception' };
    expect(expectedPipeline(config, pipeline, spans, []).firstMissing?.words).toBe(
      'consumed by search-indexer 14:02:16 but failed (mapper_parsing_exception), never indexed in orders',
    );
    const indexed = tspan({
      serviceName: 'indexer',
      lane: 'search',
      kind: 3,
      startS: 6.3,
      durS: 0.1,
      attributes: { 'db.system': 'opensearch', 'db.collection.name': 'orders' },
    });
    expect(expectedPipeline(config, pipeline, [...journey(), indexed], []).firstMissing).toBeNull();
  });

  it('does not count a failed publish as published, and says it was tried', () => {
    const [checkout, insert, publish] = journey();
    const failedPublish = { ...publish!, statusCode: 2, statusMessage: 'KafkaJSConnectionError: broker down' };
    const p = expectedPipeline(
      config,
      pipeline,
      [checkout!, insert!, failedPublish],
      [check('outbox', 'orders-outbox', 'found', 'outbox row still unsent')],
    );
    expect(p.hops[1]).toMatchObject({
      kind: 'publish',
      observed: null,
      failedAttempt: { statusMessage: 'KafkaJSConnectionError: broker down' },
    });
    expect(p.firstMissing?.words).toBe(
      'committed in Postgres 14:02:11, never published: publish failed 14:02:13 (KafkaJSConnectionError: broker down); outbox row still unsent',
    );
  });

  it('notes a missing first hop when later ones were seen, and picks up a dead-letter span', () => {
    const [, , publish, consume] = journey();
    const dlq = tspan({ serviceName: 'indexer', lane: 'kafka:order-events.dlq', kind: 4, startS: 7, durS: 0.1 });
    const p = expectedPipeline(config, pipeline, [publish!, consume!, dlq], []);
    expect(p.firstMissing?.words).toBe('no commit in Postgres observed (later hops were observed: this one may just not be traced)');
    expect(p.deadLettered).toMatchObject({ dlq: 'search-dlq', topic: 'order-events.dlq' });
  });

  it('chooses the feature by attribute, else by the outbox seen, most critical first', () => {
    expect(chooseFeature(config, [tspan({ startS: 0, durS: 1, attributes: { feature: 'analytics' } })])?.feature.name).toBe('analytics');
    expect(chooseFeature(config, journey())).toMatchObject({
      feature: { name: 'checkout' },
      reason: expect.stringContaining('orders-outbox'),
    });
    expect(chooseFeature(config, [])?.reason).toContain('assuming');
  });
});
