// `/api/overview`: Truthflow's health, every feature's SLO verdicts by tier, and scrape status.
import { z } from 'zod';
import { TIERS } from '../../config/schema-features';
import { chartPointSchema, healthSchema, scrapeRowSchema, sloSummarySchema } from '../shared/schema';

export const overviewFeatureSchema = z.object({
  name: z.string(),
  tier: z.literal(TIERS),
  owner: z.string(),
  description: z.string().nullable(),
  slos: z.array(
    sloSummarySchema.extend({
      sparkline: z.array(chartPointSchema),
      /** The stage page of the cause's hop (lib/views/shared/hop-link.ts); null when ok or no page shows it. */
      causeHref: z.string().nullable(),
    }),
  ),
});

export const overviewSchema = z.object({
  generatedAt: z.string(),
  staleAfterSeconds: z.number(),
  health: healthSchema,
  features: z.array(overviewFeatureSchema),
  scrapes: z.array(scrapeRowSchema),
  /** Samples the collectors' buffer dropped during store outages in the last 24 h (newest last). */
  sampleDrops: z.array(z.object({ samples: z.number(), from: z.string(), to: z.string() })),
});

export type OverviewFeature = z.output<typeof overviewFeatureSchema>;
export type OverviewSlo = OverviewFeature['slos'][number];
export type OverviewData = z.output<typeof overviewSchema>;
