// zod shapes of the search REST responses Truthflow reads. They keep only the fields we use;
// unknown fields pass (servers add fields between versions), missing or mistyped ones fail.
import { z } from 'zod';

export const clusterHealthSchema = z.object({
  cluster_name: z.string(),
  status: z.enum(['green', 'yellow', 'red']),
  number_of_nodes: z.number().int(),
  active_shards: z.number().int(),
  unassigned_shards: z.number().int(),
});

export const serverInfoSchema = z.object({
  name: z.string(),
  cluster_name: z.string(),
  version: z.object({
    // Elasticsearch omits `distribution`; OpenSearch says "opensearch".
    distribution: z.string().optional(),
    number: z.string(),
  }),
});

export const indexResponseSchema = z.object({
  _index: z.string(),
  _id: z.string(),
  _version: z.number().int(),
  result: z.string(),
});

export const getResponseSchema = z.discriminatedUnion('found', [
  z.object({ _index: z.string(), _id: z.string(), found: z.literal(false) }),
  z.object({
    _index: z.string(),
    _id: z.string(),
    found: z.literal(true),
    _version: z.number().int(),
    _source: z.record(z.string(), z.unknown()),
  }),
]);

export const acknowledgedSchema = z.object({ acknowledged: z.boolean() });

export const countSchema = z.object({ count: z.number().int().nonnegative() });

const bulkItemErrorSchema = z.object({
  type: z.string(),
  reason: z.string().nullish(),
});

export const bulkItemSchema = z.object({
  _index: z.string(),
  _id: z.string().nullish(),
  status: z.number().int(),
  result: z.string().optional(),
  _version: z.number().int().optional(),
  error: bulkItemErrorSchema.optional(),
});

export const bulkResponseSchema = z.object({
  took: z.number(),
  errors: z.boolean(),
  // Each item is keyed by its action: { "index": { ... } }.
  items: z.array(z.partialRecord(z.enum(['index', 'create', 'update', 'delete']), bulkItemSchema)),
});

export const nodeStatsSchema = z.object({
  nodes: z.record(
    z.string(),
    z.object({
      name: z.string(),
      thread_pool: z.object({ write: z.object({ rejected: z.number().int() }) }),
      indices: z.object({
        indexing: z.object({ index_total: z.number().int(), index_failed: z.number().int() }),
      }),
      // Both servers report the memory-based indexing pressure; only newer Elasticsearch 8 releases
      // add primary_document_rejections. Every field is optional: absent means "not reported".
      indexing_pressure: z
        .object({
          memory: z.object({
            total: z.object({
              coordinating_rejections: z.number().int().optional(),
              primary_rejections: z.number().int().optional(),
              replica_rejections: z.number().int().optional(),
              primary_document_rejections: z.number().int().optional(),
            }),
          }),
        })
        .optional(),
    }),
  ),
});
