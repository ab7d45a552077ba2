// `/api/features/[feature]`: the truth-flow strip, SLI charts and alert history of one feature.
import { z } from 'zod';
import { SLI_UNIT_NAMES, TIERS } from '../../config/schema-features';
import { STAGE_KINDS } from '../../config/schema-flows';
import { ALERT_STATES } from '../../slo/burn';
import { causeSchema, CAUSE_SIGNALS } from '../../slo/cause';
import { RANGE_KEYS } from '../shared/params';
import { chartPointSchema, measureSchema, sloSummarySchema, stageScrapeSchema } from '../shared/schema';

/** A strip runs from the system of record through the configured stages to a derived store. */
export const FLOW_NODE_KINDS = ['sor', ...STAGE_KINDS, 'store'] as const;
export type FlowNodeKind = (typeof FLOW_NODE_KINDS)[number];

export const edgeSchema = z.object({
  /** What the numbers on this hop mean, in words ("not yet consumed"). */
  label: z.string(),
  messages: measureSchema,
  seconds: measureSchema,
});

export const flowNodeSchema = z.object({
  kind: z.enum(FLOW_NODE_KINDS),
  name: z.string(),
  detail: z.string(),
  /** The hop into this node; null for the system of record. */
  inbound: edgeSchema.nullable(),
  extras: z.array(z.object({ label: z.string(), unit: z.string(), measure: measureSchema })),
  scrape: stageScrapeSchema.nullable(),
});

export const flowSchema = z.object({
  pipeline: z.string(),
  description: z.string().nullable(),
  nodes: z.array(flowNodeSchema),
});

export const sliChartSchema = z.object({
  slo: z.string(),
  unit: z.enum(SLI_UNIT_NAMES),
  threshold: z.number(),
  /** Which side of the threshold is bad (below only for the cache hit ratio). */
  badWhen: z.enum(['above', 'below']),
  objective: z.number(),
  bucketSeconds: z.number(),
  points: z.array(chartPointSchema),
});

export const alertViewSchema = z.object({
  id: z.string(),
  slo: z.string(),
  rule: z.string(),
  severity: z.string(),
  state: z.enum(ALERT_STATES),
  firedAt: z.string(),
  resolvedAt: z.string().nullable(),
  burnLong: z.number().nullable(),
  burnShort: z.number().nullable(),
  summary: z.string(),
  cause: causeSchema.nullable(),
});

export const deliveryViewSchema = z.object({
  webhook: z.string(),
  /** Transitions not yet delivered (kept in the store and retried, never dropped). */
  pending: z.number(),
  failingSince: z.string().nullable(),
  lastError: z.string().nullable(),
  givenUp: z.number(),
});

/** One signal on one hop, from its first to its last sighting; endedAt null while it goes on. */
export const episodeSchema = z.object({
  hopKind: z.string(),
  hopName: z.string(),
  signal: z.enum(CAUSE_SIGNALS),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  words: z.string(),
});

/** The incident timeline: a row per hop of the feature's pipelines, bars where a signal was seen. */
export const timelineSchema = z.object({
  from: z.string(),
  to: z.string(),
  hops: z.array(z.object({ kind: z.string(), name: z.string() })),
  episodes: z.array(episodeSchema),
});

export const featureSchema = z.object({
  generatedAt: z.string(),
  staleAfterSeconds: z.number(),
  range: z.enum(RANGE_KEYS),
  feature: z.object({ name: z.string(), tier: z.literal(TIERS), owner: z.string(), description: z.string().nullable() }),
  slos: z.array(sloSummarySchema),
  flows: z.array(flowSchema),
  charts: z.array(sliChartSchema),
  alerts: z.array(alertViewSchema),
  timeline: timelineSchema,
  /** Minutes in which Truthflow itself was not observing: drawn as labelled gaps, never as bad data. */
  notObserved: z.array(z.object({ from: z.string(), to: z.string() })),
  /** Per webhook: how the delivery of this feature's alerts is going. */
  deliveries: z.array(deliveryViewSchema),
});

export type Edge = z.output<typeof edgeSchema>;
export type FlowNode = z.output<typeof flowNodeSchema>;
export type Flow = z.output<typeof flowSchema>;
export type SliChart = z.output<typeof sliChartSchema>;
export type AlertView = z.output<typeof alertViewSchema>;
export type Episode = z.output<typeof episodeSchema>;
export type DeliveryView = z.output<typeof deliveryViewSchema>;
export type Timeline = z.output<typeof timelineSchema>;
export type FeatureData = z.output<typeof featureSchema>;
