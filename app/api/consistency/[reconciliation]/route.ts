// GET /api/consistency/:reconciliation?reason=missing|extra|stale — the mismatched keys the newest
// run of one reconciliation found, with the reason and both versions. 404 for a reconciliation the
// config does not name; 503 when the store cannot be read (lib/http/route.ts).
import { z } from 'zod';
import { notFound } from '@/lib/http/not-found';
import { route } from '@/lib/http/route';
import { loadMismatches } from '@/lib/views/consistency/loader';
import { mismatchesQuerySchema, reconciliationParamSchema } from '@/lib/views/consistency/params';
import { mismatchesDataSchema } from '@/lib/views/consistency/schema';

export const dynamic = 'force-dynamic';

export const GET = route({
  role: 'viewer',
  params: z.object({ reconciliation: reconciliationParamSchema }),
  query: mismatchesQuerySchema,
  response: mismatchesDataSchema,
  load: async ({ params: { reconciliation }, query }) =>
    (await loadMismatches(reconciliation, query.reason ?? null)) ?? notFound(`no reconciliation named "${reconciliation}" is configured`),
});
