// The order view's data, shared by the JSON API and the page (plain JSON: it crosses into a client
// component). Times are microseconds since the epoch, as stored. Written as zod schemas so
// GET /api/orders/:id is checked against the same shape the types here describe.
import { z } from 'zod';
import { checkResultSchema } from './checks/types';
import { LIMIT_NAMES } from './limits';
import { orderRecordsSchema } from './records';

const micros = z.number();

/** A stored span as the timeline draws it (SpanCore of lib/store/queries/spans, plus its lane). */
export const timelineSpanSchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  name: z.string(),
  kind: z.number(),
  serviceName: z.string(),
  startUs: micros,
  endUs: micros,
  statusCode: z.number(),
  statusMessage: z.string().nullable(),
  lane: z.string(),
  attributes: z.record(z.string(), z.unknown()),
  events: z.array(z.unknown()),
  links: z.array(z.object({ traceId: z.string(), spanId: z.string() })),
});

export const laneSchema = z.object({
  name: z.string(),
  /** In words: "Kafka topic order-events", "Postgres", "Search". */
  label: z.string(),
  spanIds: z.array(z.string()),
});

/** One service's work in one trace: the unit between which queue time is measured. */
export const hopSchema = z.object({
  service: z.string(),
  traceId: z.string(),
  startUs: micros,
  endUs: micros,
  spanIds: z.array(z.string()),
});

export const gapSchema = z.object({
  startUs: micros,
  endUs: micros,
  /** "3.2 s in Kafka topic order-events". */
  label: z.string(),
});

export const timelineSchema = z.object({
  startUs: micros,
  endUs: micros,
  lanes: z.array(laneSchema),
  hops: z.array(hopSchema),
  gaps: z.array(gapSchema),
});

export const HOP_KINDS = ['commit', 'publish', 'consume', 'index'] as const;

export const expectedHopSchema = z.object({
  kind: z.enum(HOP_KINDS),
  /** The config stage this hop belongs to (outbox, consumer or index name). */
  stage: z.string(),
  label: z.string(),
  observed: z.object({ spanId: z.string(), atUs: micros, failed: z.boolean(), statusMessage: z.string().nullable() }).nullable(),
  /** Not observed, but a span shows it was tried and failed (a publish to a broker that is down). */
  failedAttempt: z.object({ spanId: z.string(), atUs: micros, statusMessage: z.string().nullable() }).nullable(),
});

export const expectedPipelineSchema = z.object({
  name: z.string(),
  hops: z.array(expectedHopSchema),
  /** A span shows the change going to this pipeline's DLQ. */
  deadLettered: z.object({ dlq: z.string(), topic: z.string(), spanId: z.string(), atUs: micros }).nullable(),
  /** The first hop not observed, in words ("committed in Postgres 14:02:11, never published: …"), or null. */
  firstMissing: z.object({ index: z.number(), words: z.string() }).nullable(),
});

/** GET /api/orders/:orderId. */
export const orderViewSchema = z.object({
  orderId: z.string(),
  /** Some span carries the key, or a live check found the order. */
  found: z.boolean(),
  keyNames: z.array(z.string()),
  matchedKeyNames: z.array(z.string()),
  spans: z.array(timelineSpanSchema),
  timeline: timelineSchema,
  feature: z.object({ name: z.string(), tier: z.number(), reason: z.string() }).nullable(),
  pipelines: z.array(expectedPipelineSchema),
  checks: z.array(checkResultSchema),
  /** Truthflow's own records of the order: reconciliation verdicts and DLQ redrives. */
  records: orderRecordsSchema,
  truncated: z.boolean(),
  /** The lookup caps that cut the timeline short (lib/orders/limits.ts). */
  limitsHit: z.array(z.enum(LIMIT_NAMES)),
  generatedAt: z.string(),
});

export type TimelineSpan = z.output<typeof timelineSpanSchema>;
export type Lane = z.output<typeof laneSchema>;
export type Hop = z.output<typeof hopSchema>;
export type Gap = z.output<typeof gapSchema>;
export type Timeline = z.output<typeof timelineSchema>;
export type HopKind = (typeof HOP_KINDS)[number];
export type ExpectedHop = z.output<typeof expectedHopSchema>;
export type ExpectedPipeline = z.output<typeof expectedPipelineSchema>;
export type OrderView = z.output<typeof orderViewSchema>;
