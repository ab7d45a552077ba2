// Round trips through the store for the reads whose rows a `…FromRow` function maps (bigint as
// text, jsonb, snake_case columns), including the ones that used to go through Prisma: what a
// writer stores comes back in the module's own types.
import { describe, expect, it } from 'vitest';
import { useScratchStore } from '@/e2e/fixtures/scratch-store';
import { readConsumerSnapshot, replaceConsumerSnapshot } from './consumer-snapshots';
import { latestHeartbeat, writeHeartbeat } from './heartbeats';
import { seriesTotals } from './sample-totals';
import { insertSamples } from './samples';
import { listScrapeStatus, listScrapeStatusOf, recordScrapeOutcome } from './scrape-status';
import { resolveSeriesIds, seriesKeyOf } from './series';
import { listSloState, upsertSloState } from './slo-state';

useScratchStore('rowmap');

describe('store row mappers', () => {
  it('scrape status: the list and the per-collector list map the same row the same way', async () => {
    const at = new Date('2026-11-26T10:00:00Z');
    await recordScrapeOutcome({ collector: 'outbox', source: 'shop', attemptAt: at, durationMs: 12.4, notes: ['add an index'] });
    await recordScrapeOutcome({
      collector: 'outbox',
      source: 'shop',
      attemptAt: new Date(at.getTime() + 1000),
      durationMs: 3,
      error: { kind: 'timeout', message: 'slow' },
    });
    await recordScrapeOutcome({ collector: 'dlq', source: 'kafka', attemptAt: at, durationMs: 1 });
    const expected = {
      collector: 'outbox',
      source: 'shop',
      lastAttemptAt: new Date(at.getTime() + 1000),
      lastSuccessAt: at,
      lastErrorKind: 'timeout',
      lastErrorMessage: 'slow',
      consecutiveFailures: 1,
      // A failed run keeps the notes of the last successful one.
      notes: ['add an index'],
    };
    expect(await listScrapeStatusOf('outbox')).toEqual([expected]);
    const all = await listScrapeStatus();
    expect(all.map((s) => `${s.collector}/${s.source}`)).toEqual(['dlq/kafka', 'outbox/shop']);
    expect(all[1]).toMatchObject(expected);
  });

  it('slo state: the verdicts in tier, feature, SLO order', async () => {
    const evaluatedAt = new Date('2026-11-26T10:00:00Z');
    const base = { sliValue: 0.5, burnRates: { '5m': 0.2 }, exhaustionAt: null, evaluatedAt, cause: null };
    await upsertSloState({ ...base, feature: 'search', slo: 'freshness', tier: 2, status: 'ok', budgetRemaining: 0.9 });
    await upsertSloState({ ...base, feature: 'checkout', slo: 'lag', tier: 1, status: 'at_risk', budgetRemaining: null });
    expect(await listSloState()).toEqual([
      { feature: 'checkout', slo: 'lag', status: 'at_risk', budgetRemaining: null, evaluatedAt },
      { feature: 'search', slo: 'freshness', status: 'ok', budgetRemaining: 0.9, evaluatedAt },
    ]);
  });

  it('heartbeats: the newest beat, with the count of live processes as a number', async () => {
    const now = new Date();
    await writeHeartbeat({ processId: 'a', hostname: 'h', pid: 1, version: 'test', startedAt: now }, new Date(now.getTime() - 5000));
    await writeHeartbeat({ processId: 'b', hostname: 'h', pid: 2, version: 'test', startedAt: now }, now);
    const beat = await latestHeartbeat();
    expect(beat).toMatchObject({ processId: 'b', beatAt: now, processes: 2 });
    expect(beat?.ageSeconds).toBeGreaterThanOrEqual(0);
  });

  it('consumer snapshot: bigint offsets come back as numbers, unknown lag as null', async () => {
    const at = new Date('2026-11-26T10:00:00Z');
    const group = {
      groupId: 'g',
      state: 'Stable',
      members: 2,
      topics: ['orders', 'payments'],
      lagMessages: 40,
      lagSeconds: null,
      verdict: 'WARN',
      worstPartition: 'orders/0',
      windowComplete: 1,
    };
    const partition = {
      groupId: 'g',
      topic: 'orders',
      partition: 0,
      committedOffset: 9_000_000_000,
      endOffset: 9_000_000_040,
      lagMessages: 40,
      lagSeconds: null,
      lagSecondsKind: null,
      verdict: 'WARN',
    };
    const unread = { ...partition, topic: 'payments', committedOffset: null, lagMessages: null, verdict: 'unknown' };
    await replaceConsumerSnapshot('c1', [group], [partition, unread], at);
    expect(await readConsumerSnapshot('c1', 'g')).toEqual({
      groups: [{ ...group, cluster: 'c1', updatedAt: at }],
      partitions: [
        { ...partition, updatedAt: at },
        { ...unread, updatedAt: at },
      ],
    });
  });

  it('sample totals: per series sum, mean, count and newest sample', async () => {
    const key = { metric: 'dlq_messages', labels: { class: 'poison' } };
    const ids = await resolveSeriesIds([key]);
    const seriesId = ids.get(seriesKeyOf(key))!;
    // Near now: samples are partitioned by day and only the days around today exist.
    const t1 = new Date(Math.floor(Date.now() / 1000) * 1000);
    const t0 = new Date(t1.getTime() - 60_000);
    await insertSamples([
      { seriesId, ts: t0, value: 1 },
      { seriesId, ts: t1, value: 3 },
    ]);
    expect(await seriesTotals({ metric: 'dlq_messages', labels: {}, from: t0, to: new Date(t1.getTime() + 1) })).toEqual([
      { labels: { class: 'poison' }, sum: 4, mean: 2, samples: 2, lastAt: t1 },
    ]);
  });
});
