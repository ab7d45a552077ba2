// Shape of `/api/outbox`: per configured outbox, the backlog now (rows and oldest age), publish
// rate, the per-aggregate-type breakdown, and the collector's status and notes. null = unknown.
import { z } from 'zod';
import { OUTBOX_LAYOUTS } from '@/lib/config/schema-flows';
import { measureSchema, stageScrapeSchema } from '../shared/schema';

export const outboxTypeSchema = z.object({
  aggregateType: z.string(),
  unsentRows: measureSchema,
  oldestUnsentAgeSeconds: measureSchema,
});

export const outboxPanelSchema = z.object({
  name: z.string(),
  source: z.string(),
  table: z.string(),
  layout: z.enum(OUTBOX_LAYOUTS),
  unsentRows: measureSchema,
  oldestUnsentAgeSeconds: measureSchema,
  /** null: not measured for this layout (delete-after-publish cannot tell publishes from inserts). */
  publishedPerSecond: measureSchema.nullable(),
  /** Only for a CDC outbox with a replication slot configured. */
  slotLagBytes: measureSchema.nullable(),
  byType: z.array(outboxTypeSchema),
  scrape: stageScrapeSchema,
  notes: z.array(z.string()),
});

export const outboxDataSchema = z.object({
  generatedAt: z.string(),
  staleAfterSeconds: z.number(),
  outboxes: z.array(outboxPanelSchema),
});

export type OutboxType = z.output<typeof outboxTypeSchema>;
export type OutboxPanel = z.output<typeof outboxPanelSchema>;
export type OutboxData = z.output<typeof outboxDataSchema>;
