// What the search indexer writes for an order, and the two switches that bend it. Every document
// carries what the reconciliation orders-in-search compares (truthflow.yaml): the order's version,
// when it last changed, and rowHash(order_id, version) in truthflow_hash, the field the index side
// sums per bucket (lib/reconcile/hash.ts: the index cannot compute it, so the writer stores it).
import type { Logger } from '@/lib/log';
import { rowHash } from '@/lib/reconcile/hash';
import type { BulkOperation, SearchClient } from '@/lib/search/client';
import { EventParseError, orderPlacedSchema, parseEvent, type OrderPlaced } from './events';
import type { FaultView } from './fault-board';
import { orderFromV2 } from './order-event-v2';

/**
 * An OrderPlaced event is version 1 of its order, changed at creation: checkout writes exactly that
 * row (orders.version 1, updated_at = created_at), so both sides hash the same key|version.
 */
export const PLACED_VERSION = 1;

export function orderDocument(order: OrderPlaced, eventId: string | undefined): Record<string, unknown> {
  return {
    ...order,
    event_id: eventId,
    indexed_at: new Date().toISOString(),
    version: PLACED_VERSION,
    updated_at: order.created_at,
    truthflow_hash: rowHash(order.order_id, PLACED_VERSION),
  };
}

/** v1, or v2 once the poison switch is off (the consumers caught up: order-event-v2.ts). */
export function readOrder(faults: FaultView, value: Buffer | null): OrderPlaced {
  try {
    return parseEvent(orderPlacedSchema, value, 'order event');
  } catch (error) {
    if (!(error instanceof EventParseError) || faults.isOn('poison-message')) throw error;
    try {
      return orderFromV2(value);
    } catch {
      throw error; // the v1 complaint says more than "not v2 either"
    }
  }
}

/** Orders dropped while indexer-drops is on, held until it is off (bounded: a demo, not a queue). */
export interface Drops {
  seen: number;
  held: BulkOperation[];
  /** A re-index is running (the caller's timer may fire again meanwhile). */
  busy: boolean;
}
const MAX_HELD = 10_000;
const REINDEX_CHUNK = 100;

export const newDrops = (): Drops => ({ seen: 0, held: [], busy: false });

/**
 * The indexer-drops switch: 1 in N orders is acknowledged without being written. No error, no dead
 * letter, no lag; only a reconciliation of the index with the database can tell.
 */
export function dropThisOne(faults: FaultView, drops: Drops, op: BulkOperation): boolean {
  if (!faults.isOn('indexer-drops')) return false;
  const every = Math.max(1, Math.round(faults.valueOf('indexer-drops') ?? 5));
  drops.seen += 1;
  if (drops.seen % every !== 0) return false;
  if (drops.held.length < MAX_HELD) drops.held.push(op);
  return true;
}

/**
 * Switching indexer-drops off stands for the fix and its backfill: what was dropped is written now.
 * A failed bulk keeps the rest for the next call; documents are keyed by order id, so writing one
 * twice changes nothing.
 */
export async function reindexDropped(faults: FaultView, drops: Drops, search: SearchClient, log: Logger): Promise<void> {
  if (faults.isOn('indexer-drops') || drops.held.length === 0 || drops.busy) return;
  const total = drops.held.length;
  drops.busy = true;
  try {
    while (drops.held.length > 0) {
      const chunk = drops.held.slice(0, REINDEX_CHUNK);
      const { items } = await search.bulk(chunk);
      const failed = items.filter((i) => i.outcome !== 'ok').length;
      if (failed > 0) throw new Error(`${failed} of ${chunk.length} documents refused`);
      drops.held.splice(0, chunk.length);
    }
    log.info(`indexer-drops off: re-indexed the ${total} orders it had dropped`);
  } catch (error) {
    log.warn({ err: error }, `re-indexing dropped orders failed; ${drops.held.length} left for the next try`);
  } finally {
    drops.busy = false;
  }
}
