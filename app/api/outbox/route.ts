// GET /api/outbox — per configured outbox: unsent rows, oldest unsent age, published/s, the
// per-aggregate-type breakdown, and the outbox collector's status and notes. A store that cannot be
// read is reported in the body (storeError); every figure is then unknown.
import { authorize } from '@/lib/auth/guard';
import { fail, ok } from '@/lib/http/response';
import { loadOutboxes } from '@/lib/views/outbox/loader';
import { firstProblem, noParamsSchema, queryOf } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const parsed = noParamsSchema.safeParse(queryOf(request));
  if (!parsed.success) return fail('bad_request', firstProblem(parsed.error));
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  return ok(await loadOutboxes());
}
