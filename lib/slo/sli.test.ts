import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { readerOf } from '@/e2e/fixtures/series-reader';
import { SERIES } from '../series-names';
import { computeSli } from './sli';

// The shipped example config: checkout (outbox → Kafka), search (outbox → search-indexer → orders), analytics.
const config = parseConfig(readFileSync('truthflow.yaml', 'utf8'), {});
const feature = (name: string) => config.features.find((f) => f.name === name)!;
const sloOf = (f: string, sli: string) => feature(f).slos.find((s) => s.sli === sli)!;

const ts = new Date();
const consumer = config.consumers.find((c) => c.name === 'search-indexer')!;
const outbox = config.outboxes[0]!.name;

describe('SLI values from samples', () => {
  it('outbox age uses the total series, not the per-aggregate-type breakdown', async () => {
    const read = readerOf([
      { metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox }, ts, value: 12 },
      { metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox, aggregate_type: 'order' }, ts, value: 99 },
    ]);
    expect(await computeSli(config, feature('checkout'), sloOf('checkout', 'outbox_oldest_unsent_age'), read)).toMatchObject({
      value: 12,
      missing: [],
    });
  });

  it('freshness adds outbox age and consumer lag along the pipeline', async () => {
    const read = readerOf([
      { metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox }, ts, value: 4 },
      { metric: SERIES.kafkaLagSeconds, labels: { cluster: consumer.source, group: consumer.group, topic: 'order-events' }, ts, value: 30 },
      {
        metric: SERIES.kafkaLagSeconds,
        labels: { cluster: consumer.source, group: consumer.group, topic: 'catalog-events' },
        ts,
        value: 50,
      },
      { metric: SERIES.kafkaGroupMembers, labels: { cluster: consumer.source, group: consumer.group }, ts, value: 2 },
    ]);
    expect(await computeSli(config, feature('search'), sloOf('search', 'freshness'), read)).toEqual({
      value: 54,
      missing: [],
      warnings: [],
      overThreshold: null,
    });
  });

  it('a missing hop makes the SLI unknown and says which hop, instead of 0', async () => {
    const read = readerOf([{ metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox }, ts, value: 4 }]);
    const result = await computeSli(config, feature('search'), sloOf('search', 'freshness'), read);
    expect(result.value).toBeNull();
    expect(result.missing.map((m) => m.what).join()).toContain('consumer search-indexer lag');
    expect(result.missing[0]!.hop).toEqual({ kind: 'consumer', name: 'search-indexer' });
  });

  it('a consumer group without members is a warning even while lag is still small', async () => {
    const read = readerOf([
      { metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox }, ts, value: 1 },
      { metric: SERIES.kafkaLagSeconds, labels: { cluster: consumer.source, group: consumer.group, topic: 'order-events' }, ts, value: 0 },
      { metric: SERIES.kafkaGroupMembers, labels: { cluster: consumer.source, group: consumer.group }, ts, value: 0 },
    ]);
    const result = await computeSli(config, feature('search'), sloOf('search', 'freshness'), read);
    expect(result.value).toBe(1);
    expect(result.warnings.map((w) => w.words)).toEqual([
      `search-indexer stalled on order-events: 0 s behind, no consumer in group ${consumer.group}`,
    ]);
  });
});

describe('leading signals', () => {
  const at = (s: number) => new Date(Date.now() - (60 - s) * 1000);
  const lag = (topic: string, values: number[]) =>
    values.map((value, i) => ({
      metric: SERIES.kafkaLagMessages,
      labels: { cluster: consumer.source, group: consumer.group, topic },
      ts: at(i * 5),
      value,
    }));
  const interval = config.collectors.intervalSeconds;
  const newest = (outboxAge: number, lagSeconds: number) =>
    readerOf([
      { metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox }, ts, value: outboxAge },
      {
        metric: SERIES.kafkaLagSeconds,
        labels: { cluster: consumer.source, group: consumer.group, topic: 'order-events' },
        ts,
        value: lagSeconds,
      },
      {
        metric: SERIES.kafkaLagSeconds,
        labels: { cluster: consumer.source, group: consumer.group, topic: 'catalog-events' },
        ts,
        value: lagSeconds,
      },
    ]);

  it('warns when a consumer lag rose on each of the last two runs while its oldest message waits over an interval', async () => {
    const growing = readerOf([...lag('order-events', [2, 5, 9]), ...lag('catalog-events', [0, 4, 1])]);
    const result = await computeSli(config, feature('search'), sloOf('search', 'freshness'), newest(1, interval + 3), growing);
    expect(result.warnings.map((w) => w.words)).toEqual([
      `search-indexer falling behind on order-events: lag 2 → 9 messages, ${interval + 3} s behind`,
    ]);
    expect(result.value).toBe(1 + interval + 3); // still within 120 s: the warning is what turns it at risk
  });

  it('does not warn about a busy but healthy consumer whose lag jitters up for a moment', async () => {
    const result = await computeSli(
      config,
      feature('search'),
      sloOf('search', 'freshness'),
      newest(1, 0.4),
      readerOf(lag('order-events', [2, 5, 9])),
    );
    expect(result.warnings).toEqual([]);
  });

  it('warns when the outbox backlog keeps growing and its oldest row waits over an interval', async () => {
    const rows = [3, 8, 13].map((value, i) => ({ metric: SERIES.outboxUnsentRows, labels: { outbox }, ts: at(i * 5), value }));
    const slo = sloOf('checkout', 'outbox_oldest_unsent_age');
    const stuck = await computeSli(config, feature('checkout'), slo, newest(interval + 2, 0), readerOf(rows));
    expect(stuck.warnings.map((w) => w.words)).toEqual([`${outbox} backlog growing: 3 → 13 unsent rows, oldest ${interval + 2} s`]);
    const busy = await computeSli(config, feature('checkout'), slo, newest(0.5, 0), readerOf(rows));
    expect(busy.warnings).toEqual([]);
  });
});
