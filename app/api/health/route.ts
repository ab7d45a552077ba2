// GET /api/health — public (no login), for load balancers and the wall screen.
// 200 when everything is ok, 503 otherwise, with the per-check detail in the body either way.
import { checkHealth } from '@/lib/health';
import { ok } from '@/lib/http/response';

export const dynamic = 'force-dynamic';

export async function GET() {
  // 1. parse: no parameters. 2. auth: public by design. 3. query:
  const report = await checkHealth();
  // 4. respond:
  return ok(report, report.status === 'ok' ? 200 : 503);
}
