import { z } from 'zod';
import { RANGES } from '../views/shared/params';
import { obj } from './fields';
import { durationSeconds } from './schema-features';

// How long the store keeps what it observed. The retention job (collectors/evaluators/retention.ts)
// enforces it; the defaults fit the default 30-day SLO period, with slices kept a few days longer
// so a period's first minutes are never the ones being deleted.

const PERIOD = /^([1-9]\d{0,3})([mhdw])$/;
const DAY_SECONDS = 86_400;

const horizon = (fallback: string) =>
  z.string().regex(PERIOD, { error: 'expected a duration such as "30d", "7d", "12h" or "4w"' }).default(fallback);

export const retentionSchema = obj({
  /** Sample partitions (one per day) wholly older than this are dropped; series with no sample left go too. */
  samples: horizon('30d'),
  /** One-minute SLO slices: budgets and burn rates are counted over them. */
  slices: horizon('35d'),
  /** Spans and their business keys (the order page's lookups). */
  spans: horizon('7d'),
  /** Resolved alerts. */
  alerts: horizon('90d'),
}).prefault({});

export type RetentionConfig = z.output<typeof retentionSchema>;

/** Retention horizons in seconds; samples round up to whole days (partitions are dropped whole). */
export function retentionSeconds(r: RetentionConfig): Record<keyof RetentionConfig, number> {
  return {
    samples: Math.max(DAY_SECONDS, durationSeconds(r.samples)),
    slices: durationSeconds(r.slices),
    spans: durationSeconds(r.spans),
    alerts: durationSeconds(r.alerts),
  };
}

interface RetentionCheckInput {
  retention: RetentionConfig;
  features: readonly { name: string; slos: readonly { name: string; period: string }[] }[];
}

/**
 * What the pages and the evaluator need to find in the store: the feature page's longest range
 * reads samples and slices, an SLO's budget counts the slices of its whole period.
 */
export function retentionProblems(config: RetentionCheckInput): string[] {
  const kept = retentionSeconds(config.retention);
  const [longestRange, longestSeconds] = Object.entries(RANGES).reduce((a, b) => (b[1] > a[1] ? b : a));
  const problems: string[] = [];
  for (const table of ['samples', 'slices'] as const) {
    if (kept[table] < longestSeconds) {
      problems.push(
        `retention.${table}: expected at least ${longestRange} (the feature page's longest range), found ${config.retention[table]}`,
      );
    }
  }
  config.features.forEach((feature, f) =>
    feature.slos.forEach((slo, s) => {
      if (durationSeconds(slo.period) > kept.slices) {
        problems.push(
          `features[${f}].slos[${s}].period: expected at most retention.slices (${config.retention.slices}) so the whole period's slices are kept, found ${slo.period} (${feature.name}/${slo.name})`,
        );
      }
    }),
  );
  return problems;
}
