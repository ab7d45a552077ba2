// Shapes of `/api/dlq` and `/api/dlq/[dlq]/peek`. null = unknown, never 0.
import { z } from 'zod';
import { shownPayloadSchema } from '@/lib/dlq/payload-schema';
import { measureSchema, stageScrapeSchema } from '../shared/schema';

export const errorClassCountSchema = z.object({
  errorClass: z.string(),
  /** Messages of this class the collector counted in the window (it samples ≤ 200 new messages per run). */
  messages: z.number(),
  lastSeenAt: z.string(),
});

export const dlqPanelSchema = z.object({
  name: z.string(),
  source: z.string(),
  topic: z.string(),
  peekLimit: z.number(),
  /** null: redrive is not enabled for this DLQ, and the page offers none. */
  redrive: z.object({ maxPerRequest: z.number(), maxRedrives: z.number() }).nullable(),
  depth: measureSchema,
  inflowPerMinute: measureSchema,
  newestAgeSeconds: measureSchema,
  oldestAgeSeconds: measureSchema,
  errorClasses: z.array(errorClassCountSchema),
  scrape: stageScrapeSchema,
  notes: z.array(z.string()),
});

export const dlqDataSchema = z.object({
  generatedAt: z.string(),
  staleAfterSeconds: z.number(),
  /** Error classes are counted over this many seconds up to generatedAt. */
  classWindowSeconds: z.number(),
  dlqs: z.array(dlqPanelSchema),
});

export const peekedMessageSchema = z.object({
  partition: z.number(),
  offset: z.string(),
  timestamp: z.string().nullable(),
  key: z.string().nullable(),
  errorClass: z.string(),
  errorMessage: z.string().optional(),
  original: z
    .object({ topic: z.string().optional(), partition: z.number().optional(), offset: z.string().optional() })
    .partial()
    .optional(),
  headers: z.record(z.string(), z.string()),
  payload: shownPayloadSchema,
});

export const dlqPeekSchema = z.object({
  dlq: z.string(),
  topic: z.string(),
  peekedAt: z.string(),
  messages: z.array(peekedMessageSchema),
  complete: z.boolean(),
  notes: z.array(z.string()),
});

export type ErrorClassCount = z.output<typeof errorClassCountSchema>;
export type DlqPanel = z.output<typeof dlqPanelSchema>;
export type DlqData = z.output<typeof dlqDataSchema>;
export type PeekedMessageView = z.output<typeof peekedMessageSchema>;
export type DlqPeekView = z.output<typeof dlqPeekSchema>;
