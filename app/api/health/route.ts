// GET /api/health — public (no login), for load balancers and the wall screen.
// 200 when everything is ok, 503 otherwise, with the per-check detail in the body either way: the
// one answer that describes the store rather than failing with it (see lib/http/route.ts).
import { checkHealth, healthReportSchema } from '@/lib/health';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = route({
  role: 'public',
  response: healthReportSchema,
  load: () => checkHealth(),
  status: (report) => (report.status === 'ok' ? 200 : 503),
});
