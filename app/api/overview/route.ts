// GET /api/overview[?tier=0|1|2] — what `/` shows: health, SLO verdicts by tier, scrape status.
// A store that cannot be read is a 503 (lib/http/route.ts): the page keeps its last good data.
import { route } from '@/lib/http/route';
import { loadOverview } from '@/lib/views/overview/loader';
import { overviewQuerySchema } from '@/lib/views/overview/params';
import { overviewSchema } from '@/lib/views/overview/schema';

export const dynamic = 'force-dynamic';

export const GET = route({
  role: 'viewer',
  query: overviewQuerySchema,
  response: overviewSchema,
  load: ({ query }) => loadOverview(query),
});
