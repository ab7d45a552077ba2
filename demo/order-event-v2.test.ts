// The v2 reader gives back exactly the v1 order the poison payload was made from.
import { describe, expect, it } from 'vitest';
import { EventParseError, poisonPayload, type OrderPlaced } from './events';
import { orderFromV2 } from './order-event-v2';

const order: OrderPlaced = {
  schema_version: 1,
  order_id: '0b9c7e62-4f4c-4a59-9d1a-2f8f0c1e9a11',
  customer_email: 'ada.1@example.com',
  address: '2 Bean Street, Utrecht',
  plan: 'single-origin-weekly',
  amount_cents: 4205,
  created_at: '2026-01-02T03:04:05.678Z',
};
const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('orderFromV2', () => {
  it('reads a v2 event as the v1 order it stands for', () => {
    expect(orderFromV2(bytes(poisonPayload(order)))).toEqual(order);
  });

  it.each([
    ['a v1 event', bytes(order)],
    ['text that is not JSON', bytes('{"orderId":')],
    ['an empty message', null],
    ['a total in another currency', bytes({ ...poisonPayload(order), total: '42.05 USD' })],
  ])('refuses %s as an EventParseError', (_, value) => {
    expect(() => orderFromV2(value)).toThrow(EventParseError);
  });
});
