// `/api/overview`: Truthflow's health, every feature's SLO verdicts by tier, and scrape status.
import { z } from 'zod';
import { TIERS } from '../../config/schema-features';
import { chartPointSchema, healthSchema, scrapeRowSchema, sloSummarySchema } from '../shared/schema';

export const overviewFeatureSchema = z.object({
  name: z.string(),
  tier: z.literal(TIERS),
  owner: z.string(),
  description: z.string().nullable(),
  slos: z.array(sloSummarySchema.extend({ sparkline: z.array(chartPointSchema) })),
});

export const overviewSchema = z.object({
  generatedAt: z.string(),
  staleAfterSeconds: z.number(),
  health: healthSchema,
  features: z.array(overviewFeatureSchema),
  scrapes: z.array(scrapeRowSchema),
});

export type OverviewFeature = z.output<typeof overviewFeatureSchema>;
export type OverviewData = z.output<typeof overviewSchema>;
