// `/api/features/[feature]`: the truth-flow strip, SLI charts and alert history of one feature.
import { z } from 'zod';
import { chartPointSchema, measureSchema, sloSummarySchema } from './schema-common';

export const edgeSchema = z.object({
  /** What the numbers on this hop mean, in words ("not yet consumed"). */
  label: z.string(),
  messages: measureSchema,
  seconds: measureSchema,
});

export const stageScrapeSchema = z.object({
  collector: z.string(),
  source: z.string(),
  state: z.enum(['ok', 'failing', 'unknown']),
  /** Why, in words: "could not connect: ECONNREFUSED", "no run for 40 s", "never reported". */
  words: z.string(),
  lastSuccessAt: z.string().nullable(),
  consecutiveFailures: z.number(),
});

export const flowNodeSchema = z.object({
  kind: z.enum(['sor', 'outbox', 'consumer', 'dlq', 'index', 'store']),
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
  unit: z.enum(['seconds', 'messages per minute', 'ratio']),
  threshold: z.number(),
  objective: z.number(),
  bucketSeconds: z.number(),
  points: z.array(chartPointSchema),
});

export const alertViewSchema = z.object({
  id: z.string(),
  slo: z.string(),
  rule: z.string(),
  severity: z.string(),
  state: z.enum(['firing', 'resolved']),
  firedAt: z.string(),
  resolvedAt: z.string().nullable(),
  burnLong: z.number().nullable(),
  burnShort: z.number().nullable(),
  summary: z.string(),
});

export const featureSchema = z.object({
  generatedAt: z.string(),
  staleAfterSeconds: z.number(),
  range: z.enum(['1h', '6h', '24h', '7d']),
  feature: z.object({ name: z.string(), tier: z.number(), owner: z.string(), description: z.string().nullable() }),
  slos: z.array(sloSummarySchema),
  flows: z.array(flowSchema),
  charts: z.array(sliChartSchema),
  alerts: z.array(alertViewSchema),
  storeError: z.string().optional(),
});

export type Edge = z.output<typeof edgeSchema>;
export type StageScrape = z.output<typeof stageScrapeSchema>;
export type FlowNode = z.output<typeof flowNodeSchema>;
export type Flow = z.output<typeof flowSchema>;
export type SliChart = z.output<typeof sliChartSchema>;
export type AlertView = z.output<typeof alertViewSchema>;
export type FeatureData = z.output<typeof featureSchema>;
