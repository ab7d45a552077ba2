// The event contract: what the consumers accept, and what they refuse as a poison message.
import { describe, expect, it } from 'vitest';
import { EventParseError, orderPlacedSchema, parseEvent, poisonPayload, type OrderPlaced } from './events';

const order: OrderPlaced = {
  schema_version: 1,
  order_id: '0b9c7e62-4f4c-4a59-9d1a-2f8f0c1e9a11',
  customer_email: 'ada.1@example.com',
  address: '2 Bean Street, Utrecht',
  plan: 'espresso-monthly',
  amount_cents: 1800,
  created_at: '2026-01-02T03:04:05.678Z',
};
const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('parseEvent', () => {
  it('accepts an order event', () => {
    expect(parseEvent(orderPlacedSchema, bytes(order), 'order event')).toEqual(order);
  });

  it.each([
    ['the poison (v2) shape', bytes(poisonPayload(order)), /schema_version/],
    ['text that is not JSON', bytes('{"order_id": "0b9c'), /not JSON/],
    ['an empty message', null, /empty/],
    ['a string amount', bytes({ ...order, amount_cents: '18.00 EUR' }), /amount_cents/],
  ])('refuses %s as an EventParseError', (_, value, message) => {
    const attempt = () => parseEvent(orderPlacedSchema, value, 'order event');
    expect(attempt).toThrow(EventParseError);
    expect(attempt).toThrow(message);
  });

  it('keeps the PII of a poison message where the DLQ redaction finds it', () => {
    expect(poisonPayload(order)).toMatchObject({ customer: { email: order.customer_email, address: order.address } });
  });
});
