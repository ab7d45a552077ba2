// GET /api/indexing — per search source: write rejections (overload, from node stats), index and
// failure rates per node, doc counts per index, and bad documents (mapping rejections, from DLQ
// error classes). A store that cannot be read is reported in the body (storeError).
import { authorize } from '@/lib/auth/guard';
import { fail, ok } from '@/lib/http/response';
import { loadIndexing } from '@/lib/views/indexing/loader';
import { firstProblem, noParamsSchema, queryOf } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const parsed = noParamsSchema.safeParse(queryOf(request));
  if (!parsed.success) return fail('bad_request', firstProblem(parsed.error));
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  return ok(await loadIndexing());
}
