import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config';
import type { Reading } from '../../store/queries/sli-readings';
import type { ScrapeStatusView } from '../../store/queries/scrape-status';
import { scrapeLookup } from '../shared/stage-scrape';
import { buildFlow, flowNeeds } from './truth-flow';

const config = parseConfig(readFileSync(path.join(import.meta.dirname, '../../../truthflow.yaml'), 'utf8'), {});
const search = config.features.find((f) => f.name === 'search')!;
const analytics = config.features.find((f) => f.name === 'analytics')!;
const pipeline = (name: string) => config.pipelines.find((p) => p.name === name)!;

const now = Date.parse('2026-03-01T12:00:00Z');
const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000);
const reading = (value: number, secondsAgo = 2, labels: Record<string, string> = {}): Reading => ({ labels, ts: at(secondsAgo), value });
const scrape = (over: Partial<ScrapeStatusView>): ScrapeStatusView => ({
  collector: 'outbox',
  source: 'orders-outbox',
  lastAttemptAt: at(3),
  lastSuccessAt: at(3),
  lastErrorKind: null,
  lastErrorMessage: null,
  consecutiveFailures: 0,
  ...over,
});

function flowFor(name: string, readings: Record<string, Reading[]>, scrapes: ScrapeStatusView[] = []) {
  const feature = name === 'orders-to-search' ? search : analytics;
  return buildFlow(config, pipeline(name), {
    readings: new Map(Object.entries(readings)),
    needs: flowNeeds(config, feature),
    scrapes: scrapeLookup(scrapes),
    nowMs: now,
    staleAfter: 20,
  });
}

describe('buildFlow', () => {
  it('runs from the system of record through every stage, with lag on each hop', () => {
    const flow = flowFor('orders-to-search', {
      'outbox:orders-outbox:messages': [reading(12)],
      'outbox:orders-outbox:seconds': [reading(8)],
      'consumer:search-indexer:messages': [reading(30, 2, { topic: 'order-events' }), reading(5, 2, { topic: 'catalog-events' })],
      'consumer:search-indexer:seconds': [reading(40, 2, { topic: 'order-events' }), reading(3, 2, { topic: 'catalog-events' })],
      'dlq:search-dlq:messages': [reading(2)],
    });
    expect(flow.nodes.map((n) => `${n.kind}:${n.name}`)).toEqual([
      'sor:shop-db',
      'outbox:orders-outbox',
      'consumer:search-indexer',
      'dlq:search-dlq',
      'index:orders',
    ]);
    const [sor, outbox, consumer, dlq, index] = flow.nodes;
    expect(sor!.inbound).toBeNull();
    expect(outbox!.inbound).toMatchObject({ label: 'not yet published', messages: { value: 12 }, seconds: { value: 8 } });
    expect(consumer!.inbound).toMatchObject({ messages: { value: 35 }, seconds: { value: 40 } });
    expect(dlq!.inbound).toMatchObject({ messages: { value: 2 }, seconds: { value: null } });
    // End to end into the index: outbox + consumer hops; the DLQ is a side track.
    expect(index!.inbound).toMatchObject({ messages: { value: 47 }, seconds: { value: 48 } });
  });

  it('makes the end-to-end hop unknown when any hop before it is unknown', () => {
    const flow = flowFor('orders-to-search', {
      'outbox:orders-outbox:messages': [reading(12)],
      'outbox:orders-outbox:seconds': [reading(8)],
    });
    expect(flow.nodes.at(-1)!.inbound).toMatchObject({ messages: { value: null }, seconds: { value: null } });
  });

  it("ends a pipeline without an observed store in its last reader's derived store", () => {
    const flow = flowFor('orders-published', {});
    expect(flow.nodes.map((n) => n.kind)).toEqual(['sor', 'outbox', 'store']);
    const cdc = flowFor('orders-audit-trail', {});
    expect(cdc.nodes.map((n) => n.kind)).toEqual(['sor', 'cdc', 'store']);
    expect(cdc.nodes.at(-1)!.name).toBe("orders-cdc's store");
  });

  it('ends a pipeline at its warehouse watermark: that is the derived store, observed', () => {
    const flow = flowFor('orders-to-analytics', {});
    expect(flow.nodes.map((n) => n.kind)).toEqual(['sor', 'outbox', 'consumer', 'watermark']);
  });

  it("says how each stage's collector is doing, keyed by the right target", () => {
    const flow = flowFor('orders-to-search', {}, [
      scrape({}),
      scrape({
        collector: 'indexing',
        source: 'search',
        lastSuccessAt: null,
        lastErrorKind: 'network',
        lastErrorMessage: 'connect ECONNREFUSED 127.0.0.1:19200',
        consecutiveFailures: 4,
      }),
      scrape({ collector: 'kafka-lag', source: 'events', lastAttemptAt: at(300) }),
    ]);
    const byKind = Object.fromEntries(flow.nodes.map((n) => [n.kind, n.scrape]));
    expect(byKind.sor).toBeNull();
    expect(byKind.outbox).toMatchObject({ collector: 'outbox', source: 'orders-outbox', state: 'ok' });
    expect(byKind.index).toMatchObject({ collector: 'indexing', source: 'search', state: 'failing' });
    expect(byKind.index!.words).toBe('could not connect: connect ECONNREFUSED 127.0.0.1:19200 (4 failed runs in a row)');
    expect(byKind.consumer).toMatchObject({ collector: 'kafka-lag', source: 'events', state: 'unknown' });
    expect(byKind.dlq).toMatchObject({ collector: 'dlq', source: 'search-dlq', state: 'unknown' });
  });
});

describe('flowNeeds', () => {
  it('asks for each stage once, outbox totals only', () => {
    const needs = flowNeeds(config, search);
    expect(new Set(needs.map((n) => n.key)).size).toBe(needs.length);
    expect(needs.find((n) => n.key === 'outbox:orders-outbox:seconds')!.selector).toEqual({
      metric: 'outbox_oldest_unsent_age_seconds',
      labels: { outbox: 'orders-outbox' },
      withoutLabels: ['aggregate_type'],
    });
    expect(needs.find((n) => n.key === 'consumer:search-indexer:messages')!.selector.labels).toEqual({
      cluster: 'events',
      group: 'search-indexer',
    });
  });
});
