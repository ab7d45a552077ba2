// Shapes of `/api/lag` and `/api/lag/[cluster]/[group]`, shared by the server loaders (which build
// them) and the polling hooks (which validate what arrives). null = unknown, never 0.
import { z } from 'zod';
import { RANGE_KEYS } from '../shared/params';
import { stageScrapeSchema } from '../shared/schema';
import { lagParamsSchema } from './params';

/** The two lag charts of a group: in messages and in seconds. */
export const LAG_CHART_METRICS = ['messages', 'seconds'] as const;

const iso = z.string();

export const lagGroupRowSchema = z.object({
  cluster: z.string(),
  groupId: z.string(),
  state: z.string(),
  members: z.number(),
  topics: z.array(z.string()),
  lagMessages: z.number().nullable(),
  lagSeconds: z.number().nullable(),
  verdict: z.string(),
  worstPartition: z.string().nullable(),
  windowComplete: z.number().nullable(),
  updatedAt: iso,
  /** The snapshot is older than two collector intervals: shown as unknown since updatedAt. */
  stale: z.boolean(),
});

export const clusterSummarySchema = z.object({
  cluster: z.string(),
  /** Groups in the stored snapshot (0 when the collector never wrote one). */
  groups: z.number(),
  snapshotAt: iso.nullable(),
  configured: z.boolean(),
  scrape: stageScrapeSchema.nullable(),
  /** Lag shards whose verdict state started over after moving to another collectors process, and when. */
  notes: z.array(z.string()),
});

export const lagGroupsSchema = z.object({
  generatedAt: iso,
  staleAfterSeconds: z.number(),
  params: lagParamsSchema,
  total: z.number(),
  pages: z.number(),
  verdictCounts: z.record(z.string(), z.number()),
  groups: z.array(lagGroupRowSchema),
  clusters: z.array(clusterSummarySchema),
});

export const lagPartitionSchema = z.object({
  topic: z.string(),
  partition: z.number(),
  /** null = the group never committed on this partition ("no commit"), not lag = end offset. */
  committedOffset: z.number().nullable(),
  endOffset: z.number(),
  lagMessages: z.number().nullable(),
  lagSeconds: z.number().nullable(),
  lagSecondsKind: z.string().nullable(),
  verdict: z.string(),
});

export const lagChartSchema = z.object({
  metric: z.enum(LAG_CHART_METRICS),
  bucketSeconds: z.number(),
  topics: z.array(z.string()),
  /** One row per bucket: t, and v0…vN for topics[0…N] (null = no sample: a gap, never 0). */
  rows: z.array(z.record(z.string(), z.number().nullable())),
});

export const lagGroupDetailSchema = z.object({
  generatedAt: iso,
  staleAfterSeconds: z.number(),
  range: z.enum(RANGE_KEYS),
  group: lagGroupRowSchema,
  partitions: z.array(lagPartitionSchema),
  charts: z.array(lagChartSchema),
  scrape: stageScrapeSchema.nullable(),
  /** Consumers in the config that name this group (their configured topics). */
  configured: z.array(z.object({ name: z.string(), topics: z.array(z.string()) })),
});

export type LagGroupRow = z.output<typeof lagGroupRowSchema>;
export type ClusterSummary = z.output<typeof clusterSummarySchema>;
export type LagGroupsData = z.output<typeof lagGroupsSchema>;
export type LagPartition = z.output<typeof lagPartitionSchema>;
export type LagChart = z.output<typeof lagChartSchema>;
export type LagGroupDetail = z.output<typeof lagGroupDetailSchema>;
