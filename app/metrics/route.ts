// GET /metrics — SLI values, budgets, burn rates and statuses per feature in Prometheus text format.
import { authorize } from '@/lib/auth/guard';
import { fail } from '@/lib/http/response';
import { sloMetricsText } from '@/lib/prometheus-text';
import { sloStateForExport } from '@/lib/store/queries/slo-export';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  // 1. parse: no parameters.
  const auth = authorize(request, 'viewer');
  if (!auth.ok) return auth.response;
  try {
    const rows = await sloStateForExport();
    return new Response(sloMetricsText(rows), {
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
    });
  } catch (error) {
    // A scrape error (not empty metrics) lets Prometheus' `up` say the truth.
    return fail('unavailable', `store unreachable: ${(error as Error).message}`);
  }
}
