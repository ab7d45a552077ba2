// The order page's data in one call, so the page stays thin: the segment parsed, the view loaded,
// and a bad id or an unreadable store turned into a message instead of a crash page. A store that
// cannot be read is said as every page says it (lib/http/first-paint.ts) and the page retries by
// itself; any other failure is a bug and goes to the error boundary.
import 'server-only';
import { firstPaint } from '@/lib/http/first-paint';
import { decodePathSegment } from '@/lib/http/path-segment';
import { serverConfig } from '@/lib/server-config';
import { orderIdSchema } from './params';
import type { OrderView } from './types';
import { loadOrderView } from './view';

export type OrderPageData = { ok: true; view: OrderView } | { ok: false; orderId: string; message: string; storeDown: boolean };

export async function loadOrderPage(segment: string): Promise<OrderPageData> {
  const raw = decodePathSegment(segment);
  const parsed = orderIdSchema.safeParse(raw);
  if (!parsed.success)
    return { ok: false, orderId: raw.slice(0, 300), message: parsed.error.issues[0]?.message ?? 'not an order id', storeDown: false };
  const { initial, initialError } = await firstPaint(() => loadOrderView(parsed.data, { config: serverConfig() }));
  if (initial) return { ok: true, view: initial };
  return { ok: false, orderId: parsed.data, message: initialError ?? 'store unreachable', storeDown: true };
}
