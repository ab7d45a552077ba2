// The shop's search indexes. The orders mapping is explicit, and amount_cents is a strict integer
// (no coercion of strings): that is the field the mapping-conflict switch violates, so OpenSearch
// answers 400 mapper_parsing_exception, exactly as after a real schema drift.
import { TruthflowError } from '@/lib/errors';
import type { SearchClient } from '@/lib/search/client';
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

/** Creates the indexes when missing; an existing index keeps its mapping. */
export async function ensureIndexes(search: SearchClient, names: ShopNames): Promise<void> {
  await createIfMissing(search, names.orderIndex, ORDER_MAPPINGS);
  await createIfMissing(search, names.catalogIndex, CATALOG_MAPPINGS);
}

async function createIfMissing(search: SearchClient, index: string, mappings: Record<string, unknown>): Promise<void> {
  try {
    await search.createIndex(index, mappings, SETTINGS);
  } catch (error) {
    // Two shops starting at once, or a restart: the index is there already, which is what we want.
    if (error instanceof TruthflowError && error.message.includes('resource_already_exists_exception')) return;
    throw error;
  }
}
