// Shapes the dashboard APIs answer with that more than one page uses, shared by the server loaders
// (which build them) and the polling hooks (which validate what arrives). Dates travel as ISO
// strings; null means unknown. Each page's own response schema is in lib/views/<page>/schema.ts.
import { z } from 'zod';
import { SLI_UNIT_NAMES } from '../../config/schema-features';
import { healthReportSchema } from '../../health-schema';
import { CHECK_STATUSES } from '../../health-status';
import { BURN_PAIR_STATES, BURN_SEVERITIES } from '../../slo/burn';
import { causeSchema } from '../../slo/cause';
import { SLO_STATUSES } from '../../slo/status';

const iso = z.string();
const maybe = <T extends z.ZodType>(schema: T) => schema.nullable();

/** A reading with its time: value null when missing or stale, `at` = newest sample seen (if any). */
export const measureSchema = z.object({ value: maybe(z.number()), at: maybe(iso) });

export const burnPairSchema = z.object({
  rule: z.string(),
  severity: z.enum(BURN_SEVERITIES),
  longWindow: z.string(),
  shortWindow: z.string(),
  threshold: z.number(),
  long: maybe(z.number()),
  short: maybe(z.number()),
  state: z.enum(BURN_PAIR_STATES),
});

export const chartPointSchema = z.object({
  /** Bucket start, epoch milliseconds. */
  t: z.number(),
  /** null = no sample in that bucket: drawn as a gap, never as 0. */
  v: maybe(z.number()),
});

export const sloSummarySchema = z.object({
  name: z.string(),
  sli: z.string(),
  unit: z.enum(SLI_UNIT_NAMES),
  threshold: z.number(),
  objective: z.number(),
  period: z.string(),
  /** Already "unknown" when the verdict is stale: the UI never has to remember to downgrade it. */
  status: z.enum(SLO_STATUSES),
  sliValue: maybe(z.number()),
  budgetRemaining: maybe(z.number()),
  exhaustionAt: maybe(iso),
  burnPairs: z.array(burnPairSchema),
  evaluatedAt: maybe(iso),
  stale: z.boolean(),
  /** Why the status is not ok (hop, signal, figure, since, words); null exactly when ok. */
  cause: maybe(causeSchema),
});

const check = z.enum(CHECK_STATUSES);
/** GET /api/health's own schema (lib/health-schema.ts): the overview carries the same report. */
export const healthSchema = healthReportSchema;

export const scrapeRowSchema = z.object({
  collector: z.string(),
  source: z.string(),
  lastAttemptAt: maybe(iso),
  lastSuccessAt: maybe(iso),
  lastErrorKind: maybe(z.string()),
  lastErrorMessage: maybe(z.string()),
  consecutiveFailures: z.number(),
});

/** How the collector run that watches a stage is doing (feature strip, outbox, DLQ, lag, indexing). */
export const stageScrapeSchema = z.object({
  collector: z.string(),
  source: z.string(),
  state: check,
  /** Why, in words: "could not connect: ECONNREFUSED", "no run for 40 s", "never reported". */
  words: z.string(),
  lastSuccessAt: maybe(iso),
  consecutiveFailures: z.number(),
});

export type Measure = z.output<typeof measureSchema>;
export type BurnPairView = z.output<typeof burnPairSchema>;
export type ChartPoint = z.output<typeof chartPointSchema>;
export type SloSummary = z.output<typeof sloSummarySchema>;
export type HealthView = z.output<typeof healthSchema>;
export type ScrapeRow = z.output<typeof scrapeRowSchema>;
export type StageScrape = z.output<typeof stageScrapeSchema>;
