// The event contract between checkout and its consumers: what an order event and a catalog event
// look like on Kafka, and the headers every message carries.
import { z } from 'zod';

export const HEADERS = {
  eventId: 'event_id',
  eventType: 'event_type',
  traceparent: 'traceparent',
} as const;

export const ORDER_AGGREGATE = 'order';
export const ORDER_PLACED = 'OrderPlaced';
export const CATALOG_ITEM_CHANGED = 'CatalogItemChanged';

export const orderPlacedSchema = z.object({
  schema_version: z.literal(1),
  order_id: z.uuid(),
  customer_email: z.string().min(1),
  address: z.string().min(1),
  plan: z.string().min(1),
  amount_cents: z.number().int().nonnegative(),
  created_at: z.iso.datetime({ offset: true }),
});
export type OrderPlaced = z.infer<typeof orderPlacedSchema>;

export const catalogItemSchema = z.object({
  sku: z.string().min(1),
  name: z.string().min(1),
  price_cents: z.number().int().nonnegative(),
  updated_at: z.iso.datetime({ offset: true }),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;

/** The coffee subscriptions on sale; checkout picks among them and the catalog publishes them. */
export const PLANS = [
  { sku: 'espresso-monthly', name: 'Espresso, monthly', price_cents: 1800 },
  { sku: 'filter-fortnightly', name: 'Filter roast, every two weeks', price_cents: 2400 },
  { sku: 'decaf-monthly', name: 'Decaf, monthly', price_cents: 1600 },
  { sku: 'single-origin-weekly', name: 'Single origin, weekly', price_cents: 4200 },
] as const;

/** The name consumers put in DLQ headers and span status for a message they cannot read. */
export class EventParseError extends Error {
  override name = 'EventParseError';
}

/** Parses a message value against a schema; anything unreadable is an EventParseError. */
export function parseEvent<T>(schema: z.ZodType<T>, value: Buffer | null, what: string): T {
  if (!value || value.length === 0) throw new EventParseError(`${what}: empty message`);
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    throw new EventParseError(`${what}: not JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(root)';
    throw new EventParseError(`${what}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/**
 * The poison message: what a half-migrated checkout "v2" would write. Valid JSON, readable by a
 * human (and by the DLQ peek, which must redact its e-mail and address), but not the contract the
 * consumers were built for.
 */
export function poisonPayload(order: OrderPlaced): Record<string, unknown> {
  return {
    schema_version: 2,
    orderId: order.order_id,
    customer: { email: order.customer_email, address: order.address },
    lines: [{ sku: order.plan, qty: 1 }],
    total: `${(order.amount_cents / 100).toFixed(2)} EUR`,
    placedAt: order.created_at,
  };
}
