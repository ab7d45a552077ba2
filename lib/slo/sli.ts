// Turns the collectors' samples into one SLI value per feature SLO, reading only the hops that
// feed it (hops.ts). A hop without a fresh reading makes the SLI unknown and is named, never 0.
// Besides the value, the result says which hop decides it, so a breach can name where it is.
import type { FeatureConfig, SloConfig, TruthflowConfig } from '../config';
import { breaches, SLI_UNITS } from '../config';
import { SLI_BAD_WHEN } from '../config/schema-features';
import { SERIES } from '../series-names';
import type { Finding } from './cause';
import { sliScope, type Hop } from './hops';
import { leadingSignals, outboxAge, round, worstTopicOf, type ReadNewest, type ReadRecent } from './signals';

export { GROWTH_READINGS, type ReadNewest, type ReadRecent } from './signals';

export interface MissingReading {
  hop: Hop;
  /** What could not be read, in words: "consumer search-indexer lag". */
  what: string;
}

export interface SliResult {
  value: number | null;
  missing: MissingReading[];
  /** Leading signals on hops in scope: a breach is coming although the SLI is within its threshold. */
  warnings: Finding[];
  /** When the value is over the threshold: the hop that puts it there, with the figure. */
  overThreshold: Finding | null;
}

/** A value and the hop that produced it (the worst one, where several are combined). */
interface Measured {
  value: number;
  hop: Hop;
  words: string;
}

const UNIT_SHORT: Record<string, string> = {
  seconds: 's',
  'messages per minute': 'messages/min',
  ratio: '',
  bytes: 'bytes',
  'per second': '/s',
  keys: 'keys',
};

const worst = (values: Measured[]): Measured | null => (values.length ? values.reduce((a, b) => (b.value > a.value ? b : a)) : null);
const worstKnown = (values: (Measured | null)[]) => worst(values.filter((m): m is Measured => m !== null));

async function consumerLag(read: ReadNewest, config: TruthflowConfig, hop: Hop): Promise<Measured | null> {
  const w = await worstTopicOf(read, config, hop.name);
  return w && { value: w.seconds, hop, words: `${hop.name} ${round(w.seconds)} s behind on ${w.topic}` };
}

async function outboxMeasured(read: ReadNewest, hop: Hop): Promise<Measured | null> {
  const age = await outboxAge(read, hop.name);
  return age === null ? null : { value: age, hop, words: `${hop.name}: oldest unsent row waits ${round(age)} s` };
}

async function newestMax(read: ReadNewest, metric: string, labels: Record<string, string>): Promise<number | null> {
  const rows = await read({ metric, labels });
  return rows.length ? Math.max(...rows.map((r) => r.value)) : null;
}

async function slotLag(read: ReadNewest, hop: Hop): Promise<Measured | null> {
  const v = await newestMax(read, SERIES.cdcLagSeconds, { cdc: hop.name });
  return v === null ? null : { value: v, hop, words: `${hop.name}: slot ${round(v)} s behind` };
}

async function watermarkLag(read: ReadNewest, hop: Hop): Promise<Measured | null> {
  const v = await newestMax(read, SERIES.watermarkLagSeconds, { watermark: hop.name });
  return v === null ? null : { value: v, hop, words: `${hop.name}: newest loaded event ${round(v)} s old` };
}

type Measure = (scope: Hop[], need: (hop: Hop, what: string, m: Measured | null) => Measured | null) => Promise<Measured | null>;

/**
 * The newest reading of one series per hop, `worstOf` picking between a hop's label sets and then
 * between hops; each hop without a reading is named as missing.
 */
function perHop(
  read: ReadNewest,
  metric: string,
  selectorOf: (hop: Hop) => { labels: Record<string, string>; withoutLabels?: string[] },
  words: (hop: Hop, value: number) => string,
  worstOf: 'max' | 'min' = 'max',
): Measure {
  const pick = (values: number[]) => (worstOf === 'max' ? Math.max(...values) : Math.min(...values));
  return async (scope, need) => {
    const each = await Promise.all(
      scope.map(async (hop) => {
        const rows = await read({ metric, ...selectorOf(hop) });
        const value = rows.length ? pick(rows.map((r) => r.value)) : null;
        return need(hop, `${hop.kind} ${hop.name} ${metric}`, value === null ? null : { value, hop, words: words(hop, value) });
      }),
    );
    const known = each.filter((m): m is Measured => m !== null);
    if (known.length === 0) return null;
    return known.reduce((a, b) => ((worstOf === 'max' ? b.value > a.value : b.value < a.value) ? b : a));
  };
}

function measures(config: TruthflowConfig, feature: FeatureConfig, read: ReadNewest): Record<SloConfig['sli'], Measure> {
  return {
    outbox_oldest_unsent_age: async (scope, need) =>
      worst(
        (await Promise.all(scope.map(async (h) => need(h, `outbox ${h.name} age`, await outboxMeasured(read, h))))).filter(
          (m): m is Measured => m !== null,
        ),
      ),
    consumer_lag_seconds: async (scope, need) =>
      worst(
        (await Promise.all(scope.map(async (h) => need(h, `consumer ${h.name} lag`, await consumerLag(read, config, h))))).filter(
          (m): m is Measured => m !== null,
        ),
      ),
    freshness: async (_scope, need) => {
      // Age of the oldest change not yet visible downstream: outbox age plus every consumer's and
      // CDC slot's lag, per pipeline (at least its watermark lag); the slowest pipeline counts,
      // and its slowest hop is the one named.
      const perPipeline: Measured[] = [];
      for (const pipeline of config.pipelines.filter((p) => feature.pipelines.includes(p.name))) {
        const parts: (Measured | null)[] = [];
        // A watermark is already end to end (now − newest event loaded): a floor, not a part.
        const floors: (Measured | null)[] = [];
        for (const stage of pipeline.stages) {
          const what = `${pipeline.name}: ${stage.kind} ${stage.name}`;
          if (stage.kind === 'outbox') parts.push(need(stage, `${what} age`, await outboxMeasured(read, stage)));
          if (stage.kind === 'consumer') parts.push(need(stage, `${what} lag`, await consumerLag(read, config, stage)));
          if (stage.kind === 'cdc') parts.push(need(stage, `${what} lag`, await slotLag(read, stage)));
          if (stage.kind === 'watermark') floors.push(need(stage, `${what} lag`, await watermarkLag(read, stage)));
        }
        const known = parts.filter((p): p is Measured => p !== null);
        const knownFloors = floors.filter((p): p is Measured => p !== null);
        if (known.length !== parts.length || knownFloors.length !== floors.length || known.length + knownFloors.length === 0) continue;
        const sumOfParts = known.reduce((sum, p) => sum + p.value, 0);
        const floor = worst(knownFloors);
        const total = Math.max(sumOfParts, floor?.value ?? 0);
        const slowest = floor && floor.value >= sumOfParts ? floor : worst(known)!;
        const end = pipeline.stages.at(-1)!;
        perPipeline.push({
          value: total,
          hop: slowest.hop,
          words: `changes reach ${end.kind} ${end.name} ${round(total)} s late, ${round(slowest.value)} s of it at ${slowest.hop.name}`,
        });
      }
      return worst(perPipeline);
    },
    dlq_inflow: async (scope, need) => {
      const dlqs = scope.filter((h) => h.kind === 'dlq');
      const each = await Promise.all(
        dlqs.map(async (h) => {
          const rows = await read({ metric: SERIES.dlqInflowPerMinute, labels: { dlq: h.name } });
          const value = rows.length ? Math.max(...rows.map((r) => r.value)) : null;
          return need(
            h,
            `dlq ${h.name} inflow`,
            value === null ? null : { value, hop: h, words: `${h.name} receives ${round(value)} messages/min` },
          );
        }),
      );
      const known = each.filter((m): m is Measured => m !== null);
      if (known.length === 0) return null;
      const total = known.reduce((sum, m) => sum + m.value, 0);
      return { ...worst(known)!, value: total };
    },
    cdc_lag_seconds: async (scope, need) =>
      worstKnown(await Promise.all(scope.map(async (h) => need(h, `cdc ${h.name} lag`, await slotLag(read, h))))),
    wal_retained_bytes: perHop(
      read,
      SERIES.cdcWalRetainedBytes,
      (h) => ({ labels: { cdc: h.name } }),
      (h, v) => `${h.name}: slot retains ${round(v / 1_048_576)} MiB of WAL`,
    ),
    watermark_lag_seconds: async (scope, need) =>
      worstKnown(await Promise.all(scope.map(async (h) => need(h, `watermark ${h.name} lag`, await watermarkLag(read, h))))),
    cache_hit_ratio: perHop(
      read,
      SERIES.cacheHitRatio,
      (h) => ({ labels: { cache: h.name }, withoutLabels: ['node'] }),
      (h, v) => `${h.name}: hit ratio ${round(v * 100)} %`,
      'min',
    ),
    cache_evictions: perHop(
      read,
      SERIES.cacheEvictionsPerSecond,
      (h) => ({ labels: { cache: h.name }, withoutLabels: ['node'] }),
      (h, v) => `${h.name}: ${round(v)} keys evicted per second`,
    ),
    completeness: async (scope, need) => {
      // Keys missing from the store or stale in it, older than the reconciliation's settle time.
      const each = await Promise.all(
        scope.map(async (hop) => {
          const rows = await read({ metric: SERIES.reconcileMismatchedKeys, labels: { reconciliation: hop.name } });
          const bad = rows.filter((r) => r.labels.reason === 'missing' || r.labels.reason === 'stale');
          const value = bad.length ? bad.reduce((sum, r) => sum + r.value, 0) : null;
          return need(
            hop,
            `reconciliation ${hop.name} result`,
            value === null ? null : { value, hop, words: `${hop.name}: ${value} keys missing or stale` },
          );
        }),
      );
      const known = each.filter((m): m is Measured => m !== null);
      return known.length ? { ...worst(known)!, value: known.reduce((sum, m) => sum + m.value, 0) } : null;
    },
    indexing_rejection_ratio: async (scope, need) => {
      const indexes = scope.filter((h) => h.kind === 'index');
      let rejected = 0;
      let ops = 0;
      let blamed: Hop | null = null;
      const bySource = new Map<string, Hop>();
      for (const h of indexes) {
        const source = config.indexes.find((x) => x.name === h.name)?.source;
        if (source && !bySource.has(source)) bySource.set(source, h);
      }
      for (const [source, hop] of bySource) {
        const r = await read({ metric: SERIES.searchWriteRejectionsPerSecond, labels: { source } });
        const o = await read({ metric: SERIES.searchIndexOpsPerSecond, labels: { source } });
        if (r.length === 0 || o.length === 0) {
          need(hop, `search ${source} rates`, null);
          continue;
        }
        const sourceRejected = r.reduce((s, x) => s + x.value, 0);
        if (sourceRejected > 0 && !blamed) blamed = hop;
        rejected += sourceRejected;
        ops += o.reduce((s, x) => s + x.value, 0);
      }
      if (bySource.size === 0) return null;
      // Rejected writes never became operations, so the attempted total is ops + rejected.
      const ratio = rejected + ops === 0 ? 0 : rejected / (rejected + ops);
      const hop = blamed ?? indexes[0]!;
      return { value: ratio, hop, words: `${hop.name}: ${round(ratio * 100)} % of writes rejected` };
    },
  };
}

export async function computeSli(
  config: TruthflowConfig,
  feature: FeatureConfig,
  slo: SloConfig,
  read: ReadNewest,
  recent: ReadRecent = async () => [],
): Promise<SliResult> {
  const scope = sliScope(config, feature, slo);
  const missing: MissingReading[] = [];
  const need = (hop: Hop, what: string, m: Measured | null) => {
    if (m === null) missing.push({ hop, what });
    return m;
  };
  const measured = await measures(config, feature, read)[slo.sli](scope, need);
  const warnings = await leadingSignals(scope, read, recent, config);
  const value = missing.length || !measured ? null : measured.value;
  const unit = SLI_UNITS[slo.sli];
  const overThreshold: Finding | null =
    measured && value !== null && breaches(slo.sli, value, slo.threshold)
      ? {
          hop: measured.hop,
          signal: slo.sli === 'indexing_rejection_ratio' ? 'rejections' : 'threshold',
          figure: { value: unit === 'ratio' ? Math.round(value * 10_000) / 10_000 : round(value), unit: UNIT_SHORT[unit] ?? unit },
          words: `${measured.words} (${SLI_BAD_WHEN[slo.sli] === 'below' ? 'below ' : ''}threshold ${slo.threshold}${UNIT_SHORT[unit] ? ` ${UNIT_SHORT[unit]}` : ''})`,
        }
      : null;
  return { value, missing, warnings, overThreshold };
}
