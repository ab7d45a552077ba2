// Shapes the dashboard APIs answer with, shared by the server loaders (which build them) and the
// polling hooks (which validate what arrives). Dates travel as ISO strings; null means unknown.
import { z } from 'zod';

const iso = z.string();
const maybe = <T extends z.ZodType>(schema: T) => schema.nullable();

/** A reading with its time: value null when missing or stale, `at` = newest sample seen (if any). */
export const measureSchema = z.object({ value: maybe(z.number()), at: maybe(iso) });

export const burnPairSchema = z.object({
  rule: z.string(),
  severity: z.enum(['page', 'ticket']),
  longWindow: z.string(),
  shortWindow: z.string(),
  threshold: z.number(),
  long: maybe(z.number()),
  short: maybe(z.number()),
  state: z.enum(['firing', 'elevated', 'ok', 'unknown']),
});

export const chartPointSchema = z.object({ t: z.number(), v: maybe(z.number()) });

export const sloSummarySchema = z.object({
  name: z.string(),
  sli: z.string(),
  unit: z.enum(['seconds', 'messages per minute', 'ratio']),
  threshold: z.number(),
  objective: z.number(),
  period: z.string(),
  /** Already "unknown" when the verdict is stale: the UI never has to remember to downgrade it. */
  status: z.enum(['ok', 'at_risk', 'breached', 'unknown']),
  sliValue: maybe(z.number()),
  budgetRemaining: maybe(z.number()),
  exhaustionAt: maybe(iso),
  burnPairs: z.array(burnPairSchema),
  evaluatedAt: maybe(iso),
  stale: z.boolean(),
});

const check = z.enum(['ok', 'failing', 'unknown']);
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  checkedAt: iso,
  store: z.object({ status: check, latencyMs: z.number().optional(), error: z.string().optional() }),
  migrations: z.object({ status: check, pending: z.array(z.string()).optional(), error: z.string().optional() }),
  collectors: z.object({
    status: check,
    heartbeatAgeSeconds: z.number().optional(),
    processes: z.number().optional(),
    error: z.string().optional(),
  }),
});

export const scrapeRowSchema = z.object({
  collector: z.string(),
  source: z.string(),
  lastAttemptAt: maybe(iso),
  lastSuccessAt: maybe(iso),
  lastErrorKind: maybe(z.string()),
  lastErrorMessage: maybe(z.string()),
  consecutiveFailures: z.number(),
});

export type Measure = z.output<typeof measureSchema>;
export type BurnPairView = z.output<typeof burnPairSchema>;
export type SloSummary = z.output<typeof sloSummarySchema>;
export type HealthView = z.output<typeof healthSchema>;
export type ScrapeRow = z.output<typeof scrapeRowSchema>;
