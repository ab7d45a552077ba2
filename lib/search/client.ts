// A small, validated REST client for OpenSearch and Elasticsearch: only the calls Truthflow's
// collectors, launchers and tests need. Every response is parsed with zod (schemas.ts) and every
// failure is a TruthflowError with kind network | timeout | auth | http | parse (http.ts).
import { TruthflowError } from '../errors';
import { MAX_BULK_OPERATIONS, toBulkItemResult, toNdjson, type BulkItemResult, type BulkOperation } from './bulk';
import { searchRequest, type SearchConnection } from './http';
import {
  acknowledgedSchema,
  bulkResponseSchema,
  clusterHealthSchema,
  countSchema,
  getResponseSchema,
  indexResponseSchema,
  nodeStatsSchema,
  serverInfoSchema,
} from './schemas';

export type { SearchAuth, SearchConnection } from './http';
export type { BulkItemResult, BulkOperation, BulkOutcome } from './bulk';
export { classifyBulkItem } from './bulk';

export interface ClusterHealth {
  clusterName: string;
  status: 'green' | 'yellow' | 'red';
  numberOfNodes: number;
  activeShards: number;
  unassignedShards: number;
}

export interface ServerInfo {
  nodeName: string;
  clusterName: string;
  distribution: string;
  version: string;
}

export type GetDocumentResult = { found: false } | { found: true; version: number; source: Record<string, unknown> };

/** `wait_for` returns once the change is visible to search; `true` forces a refresh (tests only). */
export type RefreshPolicy = boolean | 'wait_for';

export interface BulkResult {
  took: number;
  errors: boolean;
  items: BulkItemResult[];
}

/** Cumulative counters of one node; rates come from differences between two reads. */
export interface NodeIndexingStats {
  id: string;
  name: string;
  writeRejected: number;
  indexFailed: number;
  indexTotal: number;
  /** Indexing-pressure rejections (cumulative); null where the server does not report the field. */
  pressure: IndexingPressureRejections;
}

export interface IndexingPressureRejections {
  coordinating: number | null;
  primary: number | null;
  replica: number | null;
  /** Elasticsearch 8 (newer releases) only: documents rejected on the primary. */
  primaryDocument: number | null;
}

export type SearchClient = ReturnType<typeof createSearchClient>;

const seg = encodeURIComponent;

function refreshQuery(refresh: RefreshPolicy | undefined): string {
  return refresh === undefined ? '' : `?refresh=${String(refresh)}`;
}

export function createSearchClient(conn: SearchConnection) {
  return {
    async serverInfo(): Promise<ServerInfo> {
      const { body } = await searchRequest(conn, { method: 'GET', path: '/', schema: serverInfoSchema });
      return {
        nodeName: body.name,
        clusterName: body.cluster_name,
        distribution: body.version.distribution ?? 'elasticsearch',
        version: body.version.number,
      };
    },

    async clusterHealth(): Promise<ClusterHealth> {
      // A red cluster answers 503 from this endpoint when wait_for_* is used; without it, 200.
      const { body } = await searchRequest(conn, { method: 'GET', path: '/_cluster/health', schema: clusterHealthSchema });
      return {
        clusterName: body.cluster_name,
        status: body.status,
        numberOfNodes: body.number_of_nodes,
        activeShards: body.active_shards,
        unassignedShards: body.unassigned_shards,
      };
    },

    async createIndex(index: string, mappings: Record<string, unknown>, settings?: Record<string, unknown>): Promise<void> {
      const body = settings ? { mappings, settings } : { mappings };
      await searchRequest(conn, { method: 'PUT', path: `/${seg(index)}`, body, schema: acknowledgedSchema });
    },

    async deleteIndex(index: string): Promise<void> {
      await searchRequest(conn, { method: 'DELETE', path: `/${seg(index)}`, schema: acknowledgedSchema });
    },

    async indexDocument(
      index: string,
      id: string,
      doc: Record<string, unknown>,
      opts: { refresh?: RefreshPolicy } = {},
    ): Promise<{ version: number; result: string }> {
      const path = `/${seg(index)}/_doc/${seg(id)}${refreshQuery(opts.refresh)}`;
      const { body } = await searchRequest(conn, { method: 'PUT', path, body: doc, schema: indexResponseSchema });
      return { version: body._version, result: body.result };
    },

    async getDocument(index: string, id: string): Promise<GetDocumentResult> {
      // 404 with `found: false` is a missing document; a 404 for a missing index is an http error.
      const path = `/${seg(index)}/_doc/${seg(id)}`;
      const { body } = await searchRequest(conn, { method: 'GET', path, schema: getResponseSchema, acceptStatuses: [404] });
      return body.found ? { found: true, version: body._version, source: body._source } : { found: false };
    },

    async bulk(ops: readonly BulkOperation[], opts: { refresh?: RefreshPolicy } = {}): Promise<BulkResult> {
      if (ops.length === 0) return { took: 0, errors: false, items: [] };
      if (ops.length > MAX_BULK_OPERATIONS) {
        throw new TruthflowError('config', `bulk of ${ops.length} operations exceeds ${MAX_BULK_OPERATIONS}; split it`);
      }
      const path = `/_bulk${refreshQuery(opts.refresh)}`;
      const { body } = await searchRequest(conn, { method: 'POST', path, rawBody: toNdjson(ops), schema: bulkResponseSchema });
      const items = body.items.map(toBulkItemResult);
      if (items.length !== ops.length || items.some((i) => i === undefined)) {
        throw new TruthflowError('parse', `POST /_bulk: ${items.length} items answered for ${ops.length} operations`);
      }
      return { took: body.took, errors: body.errors, items: items as BulkItemResult[] };
    },

    async nodeStats(): Promise<NodeIndexingStats[]> {
      const path = '/_nodes/stats/thread_pool,indices,indexing_pressure';
      const { body } = await searchRequest(conn, { method: 'GET', path, schema: nodeStatsSchema });
      return Object.entries(body.nodes).map(([id, node]) => ({
        id,
        name: node.name,
        writeRejected: node.thread_pool.write.rejected,
        indexFailed: node.indices.indexing.index_failed,
        indexTotal: node.indices.indexing.index_total,
        pressure: {
          coordinating: node.indexing_pressure?.memory.total.coordinating_rejections ?? null,
          primary: node.indexing_pressure?.memory.total.primary_rejections ?? null,
          replica: node.indexing_pressure?.memory.total.replica_rejections ?? null,
          primaryDocument: node.indexing_pressure?.memory.total.primary_document_rejections ?? null,
        },
      }));
    },

    /** Documents visible to search (refreshed), which is what "shows up in search" means. */
    async indexDocCount(index: string): Promise<number> {
      const { body } = await searchRequest(conn, { method: 'GET', path: `/${seg(index)}/_count`, schema: countSchema });
      return body.count;
    },
  };
}
