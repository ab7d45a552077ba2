// The scoping rule, per SLI kind: an SLO's status moves only on signals from the hops that feed
// its SLI. Two pipelines share one outbox; each has its own consumer, and one a DLQ and an index.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { readerOf } from '@/e2e/fixtures/series-reader';
import { SERIES } from '../series-names';
import { sliScope } from './hops';
import { computeSli } from './sli';
import { causeOf, sloStatus } from './status';

const config = parseConfig(
  `
sources:
  db: { kind: postgres, url: 'postgres://127.0.0.1:5432/shop' }
  bus: { kind: kafka, brokers: '127.0.0.1:19092' }
  search: { kind: opensearch, url: 'http://127.0.0.1:19200' }
outboxes: [{ name: ob, source: db, table: outbox, layout: marked-sent }]
consumers:
  - { name: indexer, source: bus, group: indexer, topics: [events] }
  - { name: loader, source: bus, group: loader, topics: [events] }
dlqs: [{ name: dead, source: bus, topic: events.dlq }]
indexes: [{ name: docs, source: search, index: docs }]
pipelines:
  - { name: published, systemOfRecord: db, stages: [{ outbox: ob }] }
  - { name: to-search, systemOfRecord: db, stages: [{ outbox: ob }, { consumer: indexer }, { dlq: dead }, { index: docs }] }
  - { name: to-warehouse, systemOfRecord: db, stages: [{ outbox: ob }, { consumer: loader }] }
features:
  - name: pay
    tier: 0
    owner: t
    pipelines: [published, to-search, to-warehouse]
    slos:
      - { name: age, sli: outbox_oldest_unsent_age, threshold: 30, objective: 0.999 }
      - { name: fresh, sli: freshness, threshold: 120, objective: 0.99 }
      - { name: lag, sli: consumer_lag_seconds, threshold: 900, objective: 0.95 }
      - { name: dlq, sli: dlq_inflow, threshold: 0, objective: 0.99 }
      - { name: rejects, sli: indexing_rejection_ratio, threshold: 0.01, objective: 0.99 }
  - name: warehouse
    tier: 2
    owner: t
    pipelines: [to-warehouse]
    slos:
      - { name: fresh, sli: freshness, threshold: 900, objective: 0.95 }
      - { name: lag, sli: consumer_lag_seconds, threshold: 900, objective: 0.95 }
`,
  {},
);
const feature = (name: string) => config.features.find((f) => f.name === name)!;
const slo = (f: string, name: string) => feature(f).slos.find((s) => s.name === name)!;
const scopeOf = (f: string, s: string) => sliScope(config, feature(f), slo(f, s)).map((h) => `${h.kind}:${h.name}`);

describe('which hops feed an SLI', () => {
  it('outbox_oldest_unsent_age: its outboxes only', () => {
    expect(scopeOf('pay', 'age')).toEqual(['outbox:ob']);
  });
  it('freshness: every hop from the system of record to the store, but not the DLQ side exit', () => {
    expect(scopeOf('pay', 'fresh')).toEqual(['outbox:ob', 'consumer:indexer', 'index:docs', 'consumer:loader']);
    expect(scopeOf('warehouse', 'fresh')).toEqual(['outbox:ob', 'consumer:loader']);
  });
  it('consumer_lag_seconds: the consumers only', () => {
    expect(scopeOf('pay', 'lag')).toEqual(['consumer:indexer', 'consumer:loader']);
  });
  it('dlq_inflow: the DLQ and the consumer that writes to it, not other consumers', () => {
    expect(scopeOf('pay', 'dlq')).toEqual(['consumer:indexer', 'dlq:dead']);
  });
  it('indexing_rejection_ratio: the index only', () => {
    expect(scopeOf('pay', 'rejects')).toEqual(['index:docs']);
  });
});

const ts = new Date();
const group = (g: string, topic = 'events') => ({ cluster: 'bus', group: g, topic });
/** Every hop healthy, except that the indexer's group has no members (it stalled). */
const indexerStalled = readerOf([
  { metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox: 'ob' }, ts, value: 1 },
  { metric: SERIES.kafkaLagSeconds, labels: group('indexer'), ts, value: 3 },
  { metric: SERIES.kafkaLagMessages, labels: group('indexer'), ts, value: 12 },
  { metric: SERIES.kafkaGroupMembers, labels: { cluster: 'bus', group: 'indexer' }, ts, value: 0 },
  { metric: SERIES.kafkaLagSeconds, labels: group('loader'), ts, value: 1 },
  { metric: SERIES.kafkaGroupMembers, labels: { cluster: 'bus', group: 'loader' }, ts, value: 1 },
  { metric: SERIES.dlqInflowPerMinute, labels: { dlq: 'dead' }, ts, value: 0 },
  { metric: SERIES.searchWriteRejectionsPerSecond, labels: { source: 'search', node: 'n1' }, ts, value: 0 },
  { metric: SERIES.searchIndexOpsPerSecond, labels: { source: 'search', node: 'n1' }, ts, value: 50 },
]);

async function judge(f: string, s: string, read = indexerStalled) {
  const sli = await computeSli(config, feature(f), slo(f, s), read);
  const status = sloStatus({
    latestValue: sli.value,
    latestAgeSeconds: 0,
    staleAfterSeconds: 20,
    threshold: slo(f, s).threshold,
    budgetRemaining: 1,
    warnings: sli.warnings,
  });
  const cause = causeOf(status, sli, { scope: sliScope(config, feature(f), slo(f, s)), period: '30d', collectorFailure: () => null });
  return { status, cause };
}

describe('a stalled consumer moves only the SLOs it feeds', () => {
  it('leaves the outbox SLI ok: the indexer is not on its path', async () => {
    expect(await judge('pay', 'age')).toEqual({ status: 'ok', cause: null });
  });
  it('leaves the index SLI ok', async () => {
    expect(await judge('pay', 'rejects')).toEqual({ status: 'ok', cause: null });
  });
  it('leaves a feature on another pipeline ok, for freshness and for consumer lag', async () => {
    expect(await judge('warehouse', 'fresh')).toEqual({ status: 'ok', cause: null });
    expect(await judge('warehouse', 'lag')).toEqual({ status: 'ok', cause: null });
  });
  it('turns freshness, consumer lag and DLQ inflow at risk, naming the indexer', async () => {
    for (const s of ['fresh', 'lag', 'dlq']) {
      const { status, cause } = await judge('pay', s);
      expect(status, s).toBe('at_risk');
      expect(cause, s).toMatchObject({ hop: { kind: 'consumer', name: 'indexer' }, signal: 'stalled' });
      expect(cause!.words).toBe('indexer stalled on events: 12 messages, 3 s behind, no consumer in group indexer');
    }
  });
});

describe('the cause names the hop over the threshold', () => {
  it('an outbox over its threshold', async () => {
    const read = readerOf([{ metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox: 'ob' }, ts, value: 45 }]);
    const { status, cause } = await judge('pay', 'age', read);
    expect(status).toBe('at_risk');
    expect(cause).toMatchObject({ hop: { kind: 'outbox', name: 'ob' }, signal: 'threshold', figure: { value: 45, unit: 's' } });
    expect(cause!.words).toBe('ob: oldest unsent row waits 45 s (threshold 30 s)');
  });
  it('rejections on the index', async () => {
    const read = readerOf([
      { metric: SERIES.searchWriteRejectionsPerSecond, labels: { source: 'search', node: 'n1' }, ts, value: 5 },
      { metric: SERIES.searchIndexOpsPerSecond, labels: { source: 'search', node: 'n1' }, ts, value: 45 },
    ]);
    const { cause } = await judge('pay', 'rejects', read);
    expect(cause).toMatchObject({ hop: { kind: 'index', name: 'docs' }, signal: 'rejections', figure: { value: 0.1, unit: '' } });
  });
  it('an unreadable hop makes the SLO unknown and names that hop, with its collector failure when there is one', async () => {
    const sli = await computeSli(config, feature('warehouse'), slo('warehouse', 'lag'), readerOf([]));
    expect(sli.value).toBeNull();
    const failing = causeOf('unknown', sli, {
      scope: [],
      period: '30d',
      collectorFailure: () => 'kafka-lag collector failing for bus (3 runs, last success 19:46 UTC): connection refused',
    });
    expect(failing).toMatchObject({ hop: { kind: 'consumer', name: 'loader' }, signal: 'unreachable' });
    expect(failing!.words).toContain('connection refused');
    const quiet = causeOf('unknown', sli, { scope: [], period: '30d', collectorFailure: () => null });
    expect(quiet).toMatchObject({ signal: 'no_data', words: 'no fresh reading for consumer loader lag' });
  });
});
