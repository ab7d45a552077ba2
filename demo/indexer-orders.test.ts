// What the indexer writes for an order (the fields the reconciliation compares) and how the
// indexer-drops switch picks its victims.
import { describe, expect, it } from 'vitest';
import type { FaultName } from '@/lib/fault-switches/catalogue';
import { rowHash } from '@/lib/reconcile/hash';
import type { BulkOperation } from '@/lib/search/client';
import { poisonPayload, type OrderPlaced } from './events';
import type { FaultView } from './fault-board';
import { dropThisOne, newDrops, orderDocument, readOrder } from './indexer-orders';

const order: OrderPlaced = {
  schema_version: 1,
  order_id: '0b9c7e62-4f4c-4a59-9d1a-2f8f0c1e9a11',
  customer_email: 'ada.1@example.com',
  address: '2 Bean Street, Utrecht',
  plan: 'espresso-monthly',
  amount_cents: 1800,
  created_at: '2026-01-02T03:04:05.678Z',
};
const faults = (on: Partial<Record<FaultName, number>>): FaultView => ({
  isOn: (name) => name in on,
  valueOf: (name) => on[name],
});
const op = (id: string): BulkOperation => ({ action: 'index', index: 'orders', id, document: {} });

describe('orderDocument', () => {
  it('carries version 1, updated_at = created_at and the row hash of id|1, as the orders row does', () => {
    expect(orderDocument(order, 'e-1')).toMatchObject({
      order_id: order.order_id,
      event_id: 'e-1',
      version: 1,
      updated_at: order.created_at,
      truthflow_hash: rowHash(order.order_id, 1),
    });
  });
});

describe('readOrder', () => {
  const v2 = Buffer.from(JSON.stringify(poisonPayload(order)));
  it('refuses the v2 shape while poison-message is on, and reads it once it is off', () => {
    expect(() => readOrder(faults({ 'poison-message': 1 }), v2)).toThrow(/schema_version/);
    expect(readOrder(faults({}), v2)).toEqual(order);
  });
});

describe('dropThisOne', () => {
  it('drops every Nth order while on, holding it for the re-index, and none while off', () => {
    const drops = newDrops();
    const on = faults({ 'indexer-drops': 3 });
    const dropped = ['a', 'b', 'c', 'd', 'e', 'f'].filter((id) => dropThisOne(on, drops, op(id)));
    expect(dropped).toEqual(['c', 'f']);
    expect(drops.held.map((o) => (o.action === 'index' ? o.id : ''))).toEqual(['c', 'f']);
    expect(dropThisOne(faults({}), drops, op('g'))).toBe(false);
  });
});
