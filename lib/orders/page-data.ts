// The order page's data in one call, so the page stays thin: the segment parsed, the view loaded,
// and a bad id or an unreadable store turned into a message instead of a crash page. A store that
// cannot be read is said as the route wrapper says it ("store unreachable: …", lib/http/route.ts)
// and the page retries by itself; any other failure is a bug and goes to the error boundary.
import 'server-only';
import { decodePathSegment } from '@/lib/http/path-segment';
import { serverConfig } from '@/lib/server-config';
import { StoreUnavailableError } from '@/lib/store/errors';
import { orderIdSchema } from './params';
import type { OrderView } from './types';
import { loadOrderView } from './view';

export type OrderPageData = { ok: true; view: OrderView } | { ok: false; orderId: string; message: string; storeDown: boolean };

export async function loadOrderPage(segment: string): Promise<OrderPageData> {
  const raw = decodePathSegment(segment);
  const parsed = orderIdSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, orderId: raw.slice(0, 300), message: parsed.error.issues[0]?.message ?? 'not an order id', storeDown: false };
  try {
    return { ok: true, view: await loadOrderView(parsed.data, { config: serverConfig() }) };
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
    return { ok: false, orderId: parsed.data, message: `store unreachable: ${error.message}`, storeDown: true };
  }
}
