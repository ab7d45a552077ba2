import { z } from 'zod';
import { name, num, obj, text } from './fields';

// Features and their SLOs. A feature lists the pipelines it depends on (pipelines do not point back),
// and each SLO's SLI must be measurable on one of those pipelines' stages (checked in refs.ts).

export const TIERS = [0, 1, 2] as const;
export type Tier = (typeof TIERS)[number];

export const SLIS = [
  'outbox_oldest_unsent_age',
  'freshness',
  'consumer_lag_seconds',
  'dlq_inflow',
  'indexing_rejection_ratio',
  'cdc_lag_seconds',
  'wal_retained_bytes',
  'watermark_lag_seconds',
  'cache_hit_ratio',
  'cache_evictions',
  'completeness',
] as const;
export type SliName = (typeof SLIS)[number];

/** Units an SLI is measured in (and its SLO threshold written in). */
export const SLI_UNIT_NAMES = ['seconds', 'messages per minute', 'ratio', 'bytes', 'per second', 'keys'] as const;
export type SliUnit = (typeof SLI_UNIT_NAMES)[number];

/** The unit of an SLO threshold is implied by its SLI. */
export const SLI_UNITS: Record<SliName, SliUnit> = {
  outbox_oldest_unsent_age: 'seconds',
  freshness: 'seconds',
  consumer_lag_seconds: 'seconds',
  dlq_inflow: 'messages per minute',
  indexing_rejection_ratio: 'ratio',
  cdc_lag_seconds: 'seconds',
  wal_retained_bytes: 'bytes',
  watermark_lag_seconds: 'seconds',
  cache_hit_ratio: 'ratio',
  cache_evictions: 'per second',
  completeness: 'keys',
};

/**
 * Which side of the threshold is bad. Every SLI is "lower is better" except the cache hit ratio,
 * where a value below the threshold is the breach. Spelled out per SLI, so a new SLI does not
 * compile until someone has said which side is its bad one.
 */
export const SLI_BAD_WHEN: Record<SliName, 'above' | 'below'> = {
  outbox_oldest_unsent_age: 'above',
  freshness: 'above',
  consumer_lag_seconds: 'above',
  dlq_inflow: 'above',
  indexing_rejection_ratio: 'above',
  cdc_lag_seconds: 'above',
  wal_retained_bytes: 'above',
  watermark_lag_seconds: 'above',
  cache_hit_ratio: 'below',
  cache_evictions: 'above',
  // Keys missing or stale in the derived store.
  completeness: 'above',
};

/** True when the value breaches the threshold, on the SLI's bad side. */
export const breaches = (sli: SliName, value: number, threshold: number): boolean =>
  SLI_BAD_WHEN[sli] === 'below' ? value < threshold : value > threshold;

const DURATION = /^([1-9]\d{0,3})([mhdw])$/;
const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

/** Seconds in a period such as "30d", "7d", "12h", "4w". */
export function durationSeconds(period: string): number {
  const m = DURATION.exec(period);
  if (!m) throw new Error(`not a duration: ${period}`);
  return Number(m[1]) * UNIT_SECONDS[m[2] as keyof typeof UNIT_SECONDS];
}

export const sloSchema = obj({
  name: name(),
  sli: z.enum(SLIS),
  /** Bad when the SLI is above this (below, for cache_hit_ratio), in the SLI's unit. */
  threshold: num(z.number().min(0, { error: 'expected a threshold of 0 or more' })),
  objective: num(
    z
      .number()
      .gt(0, { error: 'expected an objective strictly between 0 and 1, such as 0.999' })
      .lt(1, { error: 'expected an objective strictly between 0 and 1, such as 0.999' }),
  ),
  period: z.string().regex(DURATION, { error: 'expected a period such as "30d", "7d" or "12h"' }).default('30d'),
}).superRefine((slo, ctx) => {
  if (SLI_UNITS[slo.sli] === 'ratio' && slo.threshold > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['threshold'],
      input: slo.threshold,
      message: `expected a ratio between 0 and 1 for ${slo.sli}, found ${slo.threshold}`,
    });
  }
});

export const featureSchema = obj({
  name: name(),
  tier: num(z.literal(TIERS)),
  owner: text(),
  description: text().optional(),
  pipelines: z.array(name()).default([]),
  slos: z.array(sloSchema).default([]),
});

export type SloConfig = z.output<typeof sloSchema>;
export type FeatureConfig = z.output<typeof featureSchema>;
