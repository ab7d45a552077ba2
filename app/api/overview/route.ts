// GET /api/overview[?tier=0|1|2] — what `/` shows: health, SLO verdicts by tier, scrape status.
// A store that cannot be read is reported inside the body (storeError, health.store), because the
// overview's job is to show exactly that; the features are still listed, all unknown.
import { authorize } from '@/lib/auth/guard';
import { fail, ok } from '@/lib/http/response';
import { loadOverview } from '@/lib/views/overview/loader';
import { firstProblem, queryOf } from '@/lib/views/shared/query';
import { overviewQuerySchema } from '@/lib/views/overview/params';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const parsed = overviewQuerySchema.safeParse(queryOf(request));
  if (!parsed.success) return fail('bad_request', firstProblem(parsed.error));
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  const data = await loadOverview(parsed.data);
  return ok(data);
}
