// Shapes of `/api/consistency` (each reconciliation: its last run, counts, trend and budget use)
// and `/api/consistency/:reconciliation` (the mismatched keys of the newest run, with reasons).
// Every type the pages use is derived from these. null = unknown, never 0.
import { z } from 'zod';
import { MISMATCH_REASONS } from '../../reconcile/types';

export const reconcileRunSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  sourceRows: z.number(),
  targetRows: z.number(),
  missing: z.number(),
  extra: z.number(),
  stale: z.number(),
  pendingExtra: z.number(),
  /** Age of the oldest mismatch when the run finished; null when there was none. */
  oldestMismatchAgeSeconds: z.number().nullable(),
  queries: z.number(),
  rowsFetched: z.number(),
  budgetQueries: z.number(),
  budgetRows: z.number(),
  cutShort: z.boolean(),
  note: z.string().nullable(),
  completeness: z.number().nullable(),
});

export const trendPointSchema = z.object({
  at: z.string(),
  missing: z.number(),
  extra: z.number(),
  stale: z.number(),
});

export const reconciliationPanelSchema = z.object({
  name: z.string(),
  pipeline: z.string(),
  /** In words: "shop orders", "search orders-v1". */
  source: z.string(),
  target: z.string(),
  settleSeconds: z.number(),
  windowSeconds: z.number(),
  lastRun: reconcileRunSchema.nullable(),
  /** Runs of the last 24 hours, oldest first. */
  trend: z.array(trendPointSchema),
});

export const consistencyDataSchema = z.object({
  generatedAt: z.string(),
  reconciliations: z.array(reconciliationPanelSchema),
});

export const mismatchSchema = z.object({
  key: z.string(),
  reason: z.enum(MISMATCH_REASONS),
  sourceVersion: z.string().nullable(),
  targetVersion: z.string().nullable(),
  since: z.string(),
  /** The order page of this key. */
  href: z.string(),
});

export const mismatchesDataSchema = z.object({
  generatedAt: z.string(),
  reconciliation: z.string(),
  reason: z.enum(MISMATCH_REASONS).nullable(),
  run: reconcileRunSchema.nullable(),
  mismatches: z.array(mismatchSchema),
});

export type ReconcileRunView = z.output<typeof reconcileRunSchema>;
export type ReconciliationPanel = z.output<typeof reconciliationPanelSchema>;
export type ConsistencyData = z.output<typeof consistencyDataSchema>;
export type MismatchView = z.output<typeof mismatchSchema>;
export type MismatchesData = z.output<typeof mismatchesDataSchema>;
