// GET /api/features/:feature?range=1h|6h|24h|7d — what `/features/[feature]` shows: SLO verdicts,
// truth-flow strip with lag per hop, SLI charts over the range, alert history. 404 for a feature
// the config does not name. A store that cannot be read is reported in the body (storeError).
import { authorize } from '@/lib/auth/guard';
import { fail, ok } from '@/lib/http/response';
import { loadFeature } from '@/lib/views/feature/loader';
import { featureNameSchema, featureQuerySchema } from '@/lib/views/feature/params';
import { firstProblem, queryOf } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ feature: string }> }) {
  const name = featureNameSchema.safeParse((await ctx.params).feature);
  const query = featureQuerySchema.safeParse(queryOf(request));
  if (!name.success) return fail('bad_request', firstProblem(name.error));
  if (!query.success) return fail('bad_request', firstProblem(query.error));
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  const data = await loadFeature(name.data, query.data.range);
  return data ? ok(data) : fail('not_found', `no feature named ${name.data} in the config`);
}
