// `/api/wall`: the few numbers a wall screen shows, and whether the data behind them is fresh.
import { z } from 'zod';
import { TIERS } from '../../config/schema-features';
import { CHECK_STATUSES } from '../../health-status';
import { sloSummarySchema } from '../shared/schema';

export const wallSchema = z.object({
  generatedAt: z.string(),
  staleAfterSeconds: z.number(),
  /** ok or failing: a collectors process that never reported is failing, not unknown. */
  collectors: z.object({ status: z.enum(CHECK_STATUSES).exclude(['unknown']), heartbeatAgeSeconds: z.number().nullable() }),
  newestEvaluationAt: z.string().nullable(),
  /** True when the evaluator or the collectors went quiet: the screen shows its stale banner. */
  dataStale: z.boolean(),
  staleReason: z.string().nullable(),
  features: z.array(
    z.object({
      name: z.string(),
      tier: z.literal(TIERS),
      owner: z.string(),
      slos: z.array(sloSummarySchema),
    }),
  ),
});

export type WallData = z.output<typeof wallSchema>;
export type WallFeature = WallData['features'][number];
