// GET /api/lag?cluster=&verdict=&q=&sort=lag|lagSeconds|group|verdict&dir=asc|desc&page=&size=
// One page (≤ 100) of consumer groups, sorted and filtered in the store; unknown lag sorts last in
// either direction. A store that cannot be read is reported in the body (storeError).
import { authorize } from '@/lib/auth/guard';
import { fail, ok } from '@/lib/http/response';
import { loadLagGroups } from '@/lib/views/lag/list-loader';
import { lagListQuerySchema } from '@/lib/views/lag/params';
import { firstProblem, queryOf } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const parsed = lagListQuerySchema.safeParse(queryOf(request));
  if (!parsed.success) return fail('bad_request', firstProblem(parsed.error));
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  return ok(await loadLagGroups(parsed.data));
}
