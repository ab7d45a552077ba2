// The order event's "v2" shape (events.ts poisonPayload), read back as the v1 contract: what the
// consumers deploy once they catch up with a checkout release that went out first. The indexer uses
// it only while the poison-message switch is off, so during the fault v2 events are poison as
// before, and afterwards a redrive from the DLQ page makes the dead-lettered orders searchable.
import { z } from 'zod';
import { EventParseError, type OrderPlaced } from './events';

const orderV2Schema = z.object({
  schema_version: z.literal(2),
  orderId: z.uuid(),
  customer: z.object({ email: z.string().min(1), address: z.string().min(1) }),
  lines: z.array(z.object({ sku: z.string().min(1), qty: z.number().int().positive() })).length(1),
  // "18.00 EUR": v2 spells money for display.
  total: z.string().regex(/^\d{1,9}\.\d{2} EUR$/),
  placedAt: z.iso.datetime({ offset: true }),
});

/** The v1 order a v2 event stands for; an EventParseError when the value is not a v2 event either. */
export function orderFromV2(value: Buffer | null): OrderPlaced {
  let json: unknown;
  try {
    json = JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    throw new EventParseError('order event v2: not JSON');
  }
  const parsed = orderV2Schema.safeParse(json);
  if (!parsed.success) throw new EventParseError('order event v2: not the v2 shape either');
  const v2 = parsed.data;
  const [euros, cents] = v2.total.slice(0, -4).split('.') as [string, string];
  return {
    schema_version: 1,
    order_id: v2.orderId,
    customer_email: v2.customer.email,
    address: v2.customer.address,
    plan: v2.lines[0]!.sku,
    amount_cents: Number(euros) * 100 + Number(cents),
    created_at: v2.placedAt,
  };
}
