// `/api/wall`: the few numbers a wall screen shows, and whether the data behind them is fresh.
import { z } from 'zod';
import { sloSummarySchema } from './schema-common';

export const wallSchema = z.object({
  generatedAt: z.string(),
  staleAfterSeconds: z.number(),
  collectors: z.object({ status: z.enum(['ok', 'failing']), heartbeatAgeSeconds: z.number().nullable() }),
  newestEvaluationAt: z.string().nullable(),
  /** True when the evaluator or the collectors went quiet: the screen shows its stale banner. */
  dataStale: z.boolean(),
  staleReason: z.string().nullable(),
  features: z.array(
    z.object({
      name: z.string(),
      tier: z.number(),
      owner: z.string(),
      slos: z.array(sloSummarySchema),
    }),
  ),
});

export type WallData = z.output<typeof wallSchema>;
export type WallFeature = WallData['features'][number];
