// The store bench:api measures against: 7 days of 15-second samples for the series the dashboard
// reads, one-minute SLO slices, 10,000 consumer groups with SLO state and a heartbeat. Generated in
// SQL (generate_series) where it is bulk, through the query modules where the shape matters.
import { hostname } from 'node:os';
import type pg from 'pg';
import { loadConfig } from '@/lib/config';
import { SERIES } from '@/lib/series-names';

export const SERIES_COUNT = 200;
export const DAYS = 7;
const STEP_SECONDS = 15;
export const GROUPS = 10_000;
export const PARTITIONS_PER_GROUP = 4;
export const CLUSTER = 'events';

const log = (line: string) => console.log(`[bench:api] ${line}`);

/** Series the dashboard really reads (from truthflow.yaml), then lag series of made-up groups up to 200. */
function seriesKeys(): { metric: string; labels: Record<string, string> }[] {
  const config = loadConfig();
  const keys: { metric: string; labels: Record<string, string> }[] = [];
  for (const f of config.features)
    for (const s of f.slos) keys.push({ metric: SERIES.sloSliValue, labels: { feature: f.name, slo: s.name } });
  for (const o of config.outboxes) {
    for (const metric of [SERIES.outboxUnsentRows, SERIES.outboxOldestUnsentAgeSeconds, SERIES.outboxPublishedPerSecond])
      keys.push({ metric, labels: { outbox: o.name } });
  }
  for (const c of config.consumers) {
    for (const topic of c.topics) {
      for (const metric of [SERIES.kafkaLagMessages, SERIES.kafkaLagSeconds])
        keys.push({ metric, labels: { cluster: c.source, group: c.group, topic } });
    }
  }
  for (const d of config.dlqs) {
    for (const metric of [SERIES.dlqDepthMessages, SERIES.dlqInflowPerMinute, SERIES.dlqNewestAgeSeconds, SERIES.dlqOldestAgeSeconds])
      keys.push({ metric, labels: { dlq: d.name } });
  }
  for (const ix of config.indexes) {
    for (const metric of [SERIES.searchWriteRejectionsPerSecond, SERIES.searchIndexOpsPerSecond, SERIES.searchIndexFailuresPerSecond])
      keys.push({ metric, labels: { source: ix.source, node: 'node-1' } });
    keys.push({ metric: SERIES.searchIndexDocCount, labels: { source: ix.source, index: ix.name } });
  }
  for (let i = 0; keys.length < SERIES_COUNT; i++) {
    keys.push({
      metric: i % 2 ? SERIES.kafkaLagSeconds : SERIES.kafkaLagMessages,
      labels: { cluster: CLUSTER, group: `bench-g${Math.floor(i / 2)}`, topic: 'bench-topic' },
    });
  }
  return keys.slice(0, SERIES_COUNT);
}

/**
 * The evaluator's one-minute slices over the same 7 days (what the feature page charts ranges of
 * 6 h and more from), one per minute per SLO, about one in twenty bad.
 */
export async function loadSlices(client: pg.Client): Promise<number> {
  const slos = loadConfig().features.flatMap((f) => f.slos.map((s) => [f.name, s.name, s.threshold] as const));
  const { rowCount } = await client.query(
    `INSERT INTO slo_slices (feature, slo, slice_start, good, no_data, sli_value)
     SELECT k.feature, k.slo, t, v <= k.threshold, false, v
       FROM unnest($1::text[], $2::text[], $3::float8[]) AS k(feature, slo, threshold),
            generate_series(date_trunc('minute', now()) - interval '${DAYS} days', date_trunc('minute', now()) - interval '1 minute', interval '1 minute') AS t,
            LATERAL (SELECT k.threshold * (0.5 + 0.6 * abs(sin(extract(epoch FROM t) / 3000)))::float8 AS v) AS reading`,
    [slos.map((x) => x[0]), slos.map((x) => x[1]), slos.map((x) => x[2])],
  );
  return rowCount ?? 0;
}

export async function loadSamples(client: pg.Client): Promise<number> {
  const keys = seriesKeys();
  await client.query('SELECT truthflow_ensure_sample_partitions(8, 1)');
  await client.query(`INSERT INTO series (metric, labels) SELECT m, l::jsonb FROM unnest($1::text[], $2::text[]) AS k(m, l)`, [
    keys.map((k) => k.metric),
    keys.map((k) => JSON.stringify(k.labels)),
  ]);
  const end = Math.floor(Date.now() / 1000 / STEP_SECONDS) * STEP_SECONDS;
  let rows = 0;
  // One statement per day: bounded transactions, and progress to look at.
  for (let day = DAYS; day >= 1; day--) {
    const from = end - day * 86_400;
    const to = from + 86_400 - STEP_SECONDS;
    const { rowCount } = await client.query(
      `INSERT INTO samples (series_id, ts, value)
       SELECT s.id, t, 50 + 50 * sin(extract(epoch FROM t) / 900 + s.id) + (s.id % 7)
         FROM series s, generate_series(to_timestamp($1), to_timestamp($2), interval '${STEP_SECONDS} seconds') AS t`,
      [from, to],
    );
    rows += rowCount ?? 0;
    log(`samples: day ${DAYS - day + 1}/${DAYS} (${rows.toLocaleString('en-US')} rows)`);
  }
  await client.query('ANALYZE series; ANALYZE samples');
  return rows;
}

export async function loadGroupsAndState(): Promise<void> {
  const { replaceConsumerSnapshot } = await import('@/lib/store/queries/consumer-snapshots');
  const { upsertSloState } = await import('@/lib/store/queries/slo-state');
  const { writeHeartbeat } = await import('@/lib/store/queries/heartbeats');
  const verdicts = ['OK', 'OK', 'OK', 'OK', 'WARN', 'ERR', 'unknown'];
  const groups = Array.from({ length: GROUPS }, (_, i) => ({
    groupId: `bench-group-${String(i).padStart(5, '0')}`,
    state: 'Stable',
    members: 1 + (i % 4),
    topics: ['bench-topic'],
    // Every 20th group has never committed: its lag is unknown, which must sort last.
    lagMessages: i % 20 === 0 ? null : (i * 7919) % 100_000,
    lagSeconds: i % 20 === 0 ? null : ((i * 104_729) % 36_000) / 10,
    verdict: verdicts[i % verdicts.length]!,
    worstPartition: 'bench-topic[0]',
    windowComplete: 1,
  }));
  const partitions = groups.flatMap((g) =>
    Array.from({ length: PARTITIONS_PER_GROUP }, (_, p) => ({
      groupId: g.groupId,
      topic: 'bench-topic',
      partition: p,
      committedOffset: 1000,
      endOffset: 1000 + (g.lagMessages ?? 0),
      lagMessages: g.lagMessages,
      lagSeconds: g.lagSeconds,
      lagSecondsKind: 'interpolated',
      verdict: g.verdict === 'ERR' ? 'STOP' : 'OK',
    })),
  );
  const now = new Date();
  await replaceConsumerSnapshot(CLUSTER, groups, partitions, now);
  for (const f of loadConfig().features) {
    for (const s of f.slos) {
      await upsertSloState({
        feature: f.name,
        slo: s.name,
        tier: f.tier,
        status: 'ok',
        sliValue: 1,
        budgetRemaining: 0.9,
        burnRates: { '5m': 0.1, '1h': 0.1, '30m': 0.1, '6h': 0.1, '2h': 0.1, '1d': 0.1, '3d': 0.1 },
        exhaustionAt: null,
        evaluatedAt: now,
        cause: null,
      });
    }
  }
  await writeHeartbeat({ processId: 'bench-api', hostname: hostname(), pid: process.pid, version: 'bench', startedAt: now }, now);
}
