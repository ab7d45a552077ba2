// Shape of `/api/indexing`: per search source, the node-level write rejections (overload, 429) and
// indexing rates, doc counts per index, and beside them the bad documents (mapping rejections, 400)
// seen in the DLQs of pipelines that write to that source. Every figure says where it comes from.
import { z } from 'zod';
import { errorClassCountSchema } from '../dlq/schema';
import { measureSchema, stageScrapeSchema } from '../shared/schema';

export const nodeRatesSchema = z.object({
  node: z.string(),
  writeRejectionsPerSecond: measureSchema,
  indexOpsPerSecond: measureSchema,
  indexFailuresPerSecond: measureSchema,
});

export const searchSourcePanelSchema = z.object({
  source: z.string(),
  kind: z.string(),
  nodes: z.array(nodeRatesSchema),
  totals: nodeRatesSchema.omit({ node: true }),
  overload: z.object({
    /** Rejected writes in the window ≈ Σ per-run rates × collector interval; null = no rate sample at all. */
    rejectedInWindow: z.number().nullable(),
    samples: z.number(),
  }),
  badDocuments: z.object({
    /** DLQs of pipelines that index into this source. */
    dlqs: z.array(z.string()),
    classes: z.array(errorClassCountSchema.extend({ dlq: z.string() })),
    /** Messages counted in the window; null = no DLQ watches these pipelines, or its collector is not reporting. */
    total: z.number().nullable(),
    why: z.string().nullable(),
  }),
  indexes: z.array(z.object({ name: z.string(), index: z.string(), docs: measureSchema })),
  scrape: stageScrapeSchema,
  notes: z.array(z.string()),
});

export const indexingDataSchema = z.object({
  generatedAt: z.string(),
  staleAfterSeconds: z.number(),
  windowSeconds: z.number(),
  intervalSeconds: z.number(),
  sources: z.array(searchSourcePanelSchema),
});

export type NodeRates = z.output<typeof nodeRatesSchema>;
export type SearchSourcePanel = z.output<typeof searchSourcePanelSchema>;
export type IndexingData = z.output<typeof indexingDataSchema>;
