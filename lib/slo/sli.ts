// Turns the collectors' samples into one SLI value per feature SLO, following the feature's
// pipelines. A component that has no fresh reading makes the SLI unknown (and says which), never 0.
import type { FeatureConfig, SloConfig, TruthflowConfig } from '../config';
import type { Reading, SeriesSelector } from '../store/queries/sli-readings';
import { SERIES } from '../series-names';

export type ReadNewest = (selector: SeriesSelector) => Promise<Reading[]>;
/** Every fresh reading of the matching series, oldest first; used to see a backlog growing. */
export type ReadRecent = (selector: SeriesSelector) => Promise<Reading[]>;

/**
 * A backlog counts as growing after this many consecutive increases, and only while its oldest
 * item is older than one collector interval: a healthy, busy hop also jitters upwards now and then,
 * but never holds anything for a whole interval.
 */
export const GROWTH_READINGS = 2;

export interface SliResult {
  value: number | null;
  /** What could not be read, in words, when value is null. */
  missing: string[];
  /** Signals that a breach is coming although the SLI is still within its threshold. */
  warnings: string[];
}

const max = (values: number[]) => (values.length ? Math.max(...values) : null);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function stagesOf(config: TruthflowConfig, feature: FeatureConfig) {
  return config.pipelines.filter((p) => feature.pipelines.includes(p.name)).map((p) => ({ pipeline: p, stages: p.stages }));
}

async function outboxAge(read: ReadNewest, outbox: string): Promise<number | null> {
  const rows = await read({ metric: SERIES.outboxOldestUnsentAgeSeconds, labels: { outbox }, withoutLabels: ['aggregate_type'] });
  return max(rows.map((r) => r.value));
}

async function consumerLagSeconds(read: ReadNewest, config: TruthflowConfig, consumerName: string): Promise<number | null> {
  const consumer = config.consumers.find((c) => c.name === consumerName);
  if (!consumer) return null;
  const rows = await read({ metric: SERIES.kafkaLagSeconds, labels: { cluster: consumer.source, group: consumer.group } });
  return max(rows.map((r) => r.value));
}

/** Series (by label set) whose last GROWTH_READINGS readings each went up: a backlog that keeps growing. */
function growingSeries(readings: Reading[]): { labels: Record<string, string>; from: number; to: number }[] {
  const bySeries = new Map<string, Reading[]>();
  for (const r of readings) {
    const key = JSON.stringify(r.labels);
    const points = bySeries.get(key);
    if (points) points.push(r);
    else bySeries.set(key, [r]);
  }
  return [...bySeries.values()].flatMap((points) => {
    const last = points.slice(-(GROWTH_READINGS + 1));
    const rising = last.length > GROWTH_READINGS && last.every((p, i) => i === 0 || p.value > last[i - 1]!.value);
    return rising ? [{ labels: last[0]!.labels, from: last[0]!.value, to: last.at(-1)!.value }] : [];
  });
}

// Leading signals: an SLI threshold of minutes would turn red only after minutes, while a stopped
// or lagging hop is visible within a few collector runs.
async function consumerWarnings(read: ReadNewest, recent: ReadRecent, config: TruthflowConfig, consumerName: string): Promise<string[]> {
  const consumer = config.consumers.find((c) => c.name === consumerName);
  if (!consumer) return [];
  const labels = { cluster: consumer.source, group: consumer.group };
  const members = await read({ metric: SERIES.kafkaGroupMembers, labels });
  const warnings = members.some((m) => m.value === 0) ? [`consumer group ${consumer.group} has no members: nothing is consuming`] : [];
  const lagSeconds = await read({ metric: SERIES.kafkaLagSeconds, labels });
  const olderThan = (topic: string | undefined) =>
    lagSeconds.some((r) => r.labels.topic === topic && r.value > config.collectors.intervalSeconds);
  for (const g of growingSeries(await recent({ metric: SERIES.kafkaLagMessages, labels }))) {
    if (olderThan(g.labels.topic))
      warnings.push(`consumer group ${consumer.group} is falling behind on ${g.labels.topic}: lag ${g.from} → ${g.to} messages`);
  }
  return warnings;
}

async function outboxWarnings(read: ReadNewest, recent: ReadRecent, config: TruthflowConfig, outbox: string): Promise<string[]> {
  const age = await outboxAge(read, outbox);
  if (age === null || age <= config.collectors.intervalSeconds) return [];
  const growing = growingSeries(await recent({ metric: SERIES.outboxUnsentRows, labels: { outbox }, withoutLabels: ['aggregate_type'] }));
  return growing.map((g) => `outbox ${outbox} backlog is growing: ${g.from} → ${g.to} unsent rows, oldest ${Math.round(age)} s`);
}

export async function computeSli(
  config: TruthflowConfig,
  feature: FeatureConfig,
  slo: SloConfig,
  read: ReadNewest,
  recent: ReadRecent = async () => [],
): Promise<SliResult> {
  const flows = stagesOf(config, feature);
  const missing: string[] = [];
  const warnings: string[] = [];
  const need = (what: string, value: number | null) => {
    if (value === null) missing.push(what);
    return value;
  };
  const stageNames = (kind: string) => [...new Set(flows.flatMap((f) => f.stages.filter((s) => s.kind === kind).map((s) => s.name)))];

  for (const consumer of stageNames('consumer')) warnings.push(...(await consumerWarnings(read, recent, config, consumer)));
  for (const outbox of stageNames('outbox')) warnings.push(...(await outboxWarnings(read, recent, config, outbox)));

  let value: number | null = null;
  switch (slo.sli) {
    case 'outbox_oldest_unsent_age': {
      const ages = await Promise.all(stageNames('outbox').map(async (o) => need(`outbox ${o} age`, await outboxAge(read, o))));
      value = missing.length ? null : max(ages as number[]);
      break;
    }
    case 'consumer_lag_seconds': {
      const lags = await Promise.all(
        stageNames('consumer').map(async (c) => need(`consumer ${c} lag`, await consumerLagSeconds(read, config, c))),
      );
      value = missing.length ? null : max(lags as number[]);
      break;
    }
    case 'freshness': {
      // Age of the oldest change not yet visible downstream: outbox age plus every consumer hop's lag.
      const perPipeline: number[] = [];
      for (const { pipeline, stages } of flows) {
        const parts = await Promise.all(
          stages.map(async (s) => {
            if (s.kind === 'outbox') return need(`${pipeline.name}: outbox ${s.name} age`, await outboxAge(read, s.name));
            if (s.kind === 'consumer')
              return need(`${pipeline.name}: consumer ${s.name} lag`, await consumerLagSeconds(read, config, s.name));
            return 0; // DLQs and indexes add no queueing of their own here
          }),
        );
        if (parts.every((p) => p !== null)) perPipeline.push(sum(parts as number[]));
      }
      value = missing.length ? null : max(perPipeline);
      break;
    }
    case 'dlq_inflow': {
      const inflows = await Promise.all(
        stageNames('dlq').map(async (d) =>
          need(`dlq ${d} inflow`, max((await read({ metric: SERIES.dlqInflowPerMinute, labels: { dlq: d } })).map((r) => r.value))),
        ),
      );
      value = missing.length ? null : sum(inflows as number[]);
      break;
    }
    case 'indexing_rejection_ratio': {
      const sources = [
        ...new Set(
          stageNames('index')
            .map((i) => config.indexes.find((x) => x.name === i)?.source)
            .filter((s): s is string => !!s),
        ),
      ];
      let rejected = 0;
      let ops = 0;
      for (const source of sources) {
        const r = await read({ metric: SERIES.searchWriteRejectionsPerSecond, labels: { source } });
        const o = await read({ metric: SERIES.searchIndexOpsPerSecond, labels: { source } });
        if (r.length === 0 || o.length === 0) missing.push(`search ${source} rates`);
        rejected += sum(r.map((x) => x.value));
        ops += sum(o.map((x) => x.value));
      }
      // Rejected writes never became operations, so the attempted total is ops + rejected.
      value = missing.length ? null : rejected + ops === 0 ? 0 : rejected / (rejected + ops);
      break;
    }
  }
  return { value, missing, warnings };
}
