// GET /api/lag/:cluster/:group?range=1h|6h|24h|7d — one group's partitions (committed, end, lag in
// messages and seconds, verdicts) and its lag over the range. 404 for a group the store does not
// hold; 503 when the store cannot be read.
import { authorize } from '@/lib/auth/guard';
import { fail, ok } from '@/lib/http/response';
import { loadLagGroup } from '@/lib/views/lag/group-loader';
import { clusterParamSchema, groupParamSchema, groupQuerySchema } from '@/lib/views/lag/params';
import { firstProblem, queryOf } from '@/lib/views/shared/query';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, ctx: { params: Promise<{ cluster: string; group: string }> }) {
  const params = await ctx.params;
  const cluster = clusterParamSchema.safeParse(params.cluster);
  const group = groupParamSchema.safeParse(params.group);
  const query = groupQuerySchema.safeParse(queryOf(request));
  if (!cluster.success) return fail('bad_request', `cluster: ${firstProblem(cluster.error)}`);
  if (!group.success) return fail('bad_request', `group: ${firstProblem(group.error)}`);
  if (!query.success) return fail('bad_request', firstProblem(query.error));
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  let data;
  try {
    data = await loadLagGroup(cluster.data, group.data, query.data.range);
  } catch (error) {
    return fail('unavailable', `store unreachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  return data ? ok(data) : fail('not_found', `no consumer group "${group.data}" in the stored snapshot of cluster "${cluster.data}"`);
}
