// The shop's search indexes. The orders mapping is explicit, and amount_cents is a strict integer
// (no coercion of strings): that is the field the mapping-conflict switch violates, so OpenSearch
// answers 400 mapper_parsing_exception, exactly as after a real schema drift. version, updated_at
// and truthflow_hash are what the reconciliation orders-in-search compares (truthflow.yaml).
import { z } from 'zod';
import { TruthflowError } from '@/lib/errors';
import type { SearchClient } from '@/lib/search/client';
import { searchRequest, type SearchConnection } from '@/lib/search/http';
import type { ShopNames } from './config';

export const ORDER_MAPPINGS = {
  properties: {
    order_id: { type: 'keyword' },
    event_id: { type: 'keyword' },
    customer_email: { type: 'keyword' },
    address: { type: 'text' },
    plan: { type: 'keyword' },
    amount_cents: { type: 'integer', coerce: false },
    created_at: { type: 'date' },
    indexed_at: { type: 'date' },
    version: { type: 'integer' },
    updated_at: { type: 'date' },
    // rowHash(order_id, version) of lib/reconcile/hash.ts: below 2^28, so an integer holds it.
    truthflow_hash: { type: 'integer' },
  },
};

export const CATALOG_MAPPINGS = {
  properties: {
    sku: { type: 'keyword' },
    name: { type: 'text' },
    price_cents: { type: 'integer' },
    updated_at: { type: 'date' },
  },
};

// One shard, no replica: a single-node cluster stays green.
const SETTINGS = { number_of_shards: 1, number_of_replicas: 0 };

/**
 * Creates the indexes when missing. An existing orders index gains the fields added since it was
 * created (adding fields is the one mapping change an index accepts); its other fields stay as
 * they are.
 */
export async function ensureIndexes(search: SearchClient, names: ShopNames, conn: SearchConnection): Promise<void> {
  if (!(await createIfMissing(search, names.orderIndex, ORDER_MAPPINGS))) {
    const path = `/${encodeURIComponent(names.orderIndex)}/_mapping`;
    await searchRequest(conn, { method: 'PUT', path, body: ORDER_MAPPINGS, schema: z.object({ acknowledged: z.boolean() }) });
  }
  await createIfMissing(search, names.catalogIndex, CATALOG_MAPPINGS);
}

/**
 * Empties the orders index (deletes it; ensureIndexes creates it again). The index is derived from
 * the shop's database: a new database is a new shop, and documents left by an earlier one would
 * only show up as extra keys in every reconciliation.
 */
export async function dropOrderIndex(search: SearchClient, names: ShopNames): Promise<void> {
  try {
    await search.deleteIndex(names.orderIndex);
  } catch (error) {
    if (error instanceof TruthflowError && error.message.includes('index_not_found_exception')) return;
    throw error;
  }
}

/** True when it created the index, false when the index was there already. */
async function createIfMissing(search: SearchClient, index: string, mappings: Record<string, unknown>): Promise<boolean> {
  try {
    await search.createIndex(index, mappings, SETTINGS);
    return true;
  } catch (error) {
    // Two shops starting at once, or a restart: the index is there already, which is what we want.
    if (error instanceof TruthflowError && error.message.includes('resource_already_exists_exception')) return false;
    throw error;
  }
}
