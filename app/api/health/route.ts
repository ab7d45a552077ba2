// GET /api/health — public (no login), for load balancers and the wall screen.
// 200 when everything is ok, 503 otherwise, with the per-check detail in the body either way: the
// one answer that describes the store rather than failing with it (see lib/http/route.ts). When
// the config has an `auth` section, a caller who is not logged in gets the statuses only
// (lib/health-public.ts): raw store errors name hosts and users.
import { callerOf, isAnonymous } from '@/lib/auth/guard';
import { checkHealth, healthReportSchema } from '@/lib/health';
import { publicHealth } from '@/lib/health-public';
import { route } from '@/lib/http/route';
import { serverConfig } from '@/lib/server-config';

export const dynamic = 'force-dynamic';

export const GET = route({
  role: 'public',
  response: healthReportSchema,
  load: async ({ request }) => {
    const report = await checkHealth();
    const detailed = !serverConfig().auth || !isAnonymous(callerOf(request));
    return detailed ? report : publicHealth(report);
  },
  status: (report) => (report.status === 'ok' ? 200 : 503),
});
