// GET /api/lag/:cluster/:group?range=1h|6h|24h|7d — one group's partitions (committed, end, lag in
// messages and seconds, verdicts) and its lag over the range. 404 for a group the store does not
// hold; 503 when the store cannot be read (lib/http/route.ts).
import { z } from 'zod';
import { notFound } from '@/lib/http/not-found';
import { route } from '@/lib/http/route';
import { loadLagGroup } from '@/lib/views/lag/group-loader';
import { clusterParamSchema, groupParamSchema, groupQuerySchema } from '@/lib/views/lag/params';
import { lagGroupDetailSchema } from '@/lib/views/lag/schema';

export const dynamic = 'force-dynamic';

export const GET = route({
  role: 'viewer',
  params: z.object({ cluster: clusterParamSchema, group: groupParamSchema }),
  query: groupQuerySchema,
  response: lagGroupDetailSchema,
  load: async ({ params: { cluster, group }, query }) =>
    (await loadLagGroup(cluster, group, query.range)) ??
    notFound(`no consumer group "${group}" in the stored snapshot of cluster "${cluster}"`),
});
