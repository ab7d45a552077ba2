// The order page's data in one call, so the page stays thin: the segment parsed, the view loaded,
// and a bad id or an unreadable store turned into a message instead of a crash page.
import { serverConfig } from '@/lib/server-config';
import { decodePathSegment } from '@/lib/http/path-segment';
import { orderIdSchema } from './params';
import type { OrderView } from './types';
import { loadOrderView } from './view';

export type OrderPageData = { ok: true; view: OrderView } | { ok: false; orderId: string; message: string };

export async function loadOrderPage(segment: string): Promise<OrderPageData> {
  const raw = decodePathSegment(segment);
  const parsed = orderIdSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, orderId: raw.slice(0, 300), message: parsed.error.issues[0]?.message ?? 'not an order id' };
  try {
    return { ok: true, view: await loadOrderView(parsed.data, { config: serverConfig() }) };
  } catch (error) {
    return { ok: false, orderId: parsed.data, message: `The Truthflow store could not be read: ${(error as Error).message}` };
  }
}
