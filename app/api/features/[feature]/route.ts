// GET /api/features/:feature?range=1h|6h|24h|7d — what `/features/[feature]` shows: SLO verdicts,
// truth-flow strip with lag per hop, SLI charts over the range, alert history. 404 for a feature
// the config does not name; 503 when the store cannot be read (lib/http/route.ts).
import { z } from 'zod';
import { notFound } from '@/lib/http/not-found';
import { route } from '@/lib/http/route';
import { loadFeature } from '@/lib/views/feature/loader';
import { featureNameSchema, featureQuerySchema } from '@/lib/views/feature/params';
import { featureSchema } from '@/lib/views/feature/schema';

export const dynamic = 'force-dynamic';

export const GET = route({
  role: 'viewer',
  params: z.object({ feature: featureNameSchema }),
  query: featureQuerySchema,
  response: featureSchema,
  load: async ({ params: { feature }, query }) =>
    (await loadFeature(feature, query.range)) ?? notFound(`no feature named ${feature} in the config`),
});
