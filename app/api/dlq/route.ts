// GET /api/dlq — per configured DLQ: depth, inflow/min, newest and oldest message age, and the
// error classes that arrived in the last hour. A store that cannot be read is reported in the body.
import { authorize } from '@/lib/auth/guard';
import { fail, ok } from '@/lib/http/response';
import { loadDlqs } from '@/lib/views/dlq/loader';
import { firstProblem, noParamsSchema, queryOf } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const parsed = noParamsSchema.safeParse(queryOf(request));
  if (!parsed.success) return fail('bad_request', firstProblem(parsed.error));
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  return ok(await loadDlqs());
}
