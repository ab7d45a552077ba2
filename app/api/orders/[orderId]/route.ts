// GET /api/orders/:orderId — one order's journey: stitched spans, lanes and gaps, the expected
// pipeline with its first missing hop, and live checks. 404, with what was looked at, when no
// span carries the id and no live check finds it; 503 when the store cannot be read.
import { z } from 'zod';
import { notFound } from '@/lib/http/not-found';
import { route } from '@/lib/http/route';
import { orderIdFromUrl, orderIdSchema } from '@/lib/orders/params';
import { orderViewSchema } from '@/lib/orders/types';
import { loadOrderView, notFoundMessage } from '@/lib/orders/view';
import { serverConfig } from '@/lib/server-config';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = route({
  role: 'viewer',
  // From the raw URL, not Next's params: an id may hold "/" or a lone "%" (lib/orders/params.ts).
  paramsFrom: (request) => ({ orderId: orderIdFromUrl(request.url) }),
  params: z.object({ orderId: orderIdSchema }),
  response: orderViewSchema,
  load: async ({ params, request }) => {
    // The request's signal: a live DLQ check whose browser tab closed never starts.
    const view = await loadOrderView(params.orderId, { config: serverConfig(), signal: request.signal });
    return view.found ? view : notFound(notFoundMessage(view));
  },
});
