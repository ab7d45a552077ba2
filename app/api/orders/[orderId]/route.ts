// GET /api/orders/:orderId — one order's journey: stitched spans, lanes and gaps, the expected
// pipeline with its first missing hop, and live checks. 404, with what was looked at, when no
// span carries the id and no live check finds it.
import { authorize } from '@/lib/auth/guard';
import { fail, ok } from '@/lib/http/response';
import { orderIdFromUrl, orderIdSchema } from '@/lib/orders/params';
import { loadOrderView, notFoundMessage } from '@/lib/orders/view';
import { serverConfig } from '@/lib/server-config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  // 1. parse (from the URL, not ctx.params: see lib/orders/params.ts)
  const orderId = orderIdSchema.safeParse(orderIdFromUrl(request.url));
  if (!orderId.success) return fail('bad_request', orderId.error.issues[0]?.message ?? 'bad order id');
  // 2. auth
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  // 3. query
  let view;
  try {
    view = await loadOrderView(orderId.data, { config: serverConfig() });
  } catch (error) {
    return fail('unavailable', `the Truthflow store could not be read: ${(error as Error).message}`);
  }
  // 4. respond
  return view.found ? ok(view) : fail('not_found', notFoundMessage(view));
}
