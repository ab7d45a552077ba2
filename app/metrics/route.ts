// GET /metrics — SLI values, budgets, burn rates, statuses and causes per feature, and alert
// delivery state per webhook, in Prometheus text format.
// Through the route wrapper (viewer; a store that cannot be read is its 503, so Prometheus' `up`
// tells the truth instead of scraping empty metrics); only the answer is text.
import { route } from '@/lib/http/route';
import { sloMetricsText } from '@/lib/prometheus-text';
import { deliveryStates } from '@/lib/store/queries/alert-deliveries';
import { sloStateForExport } from '@/lib/store/queries/slo-export';

export const dynamic = 'force-dynamic';

export const GET = route({
  role: 'viewer',
  load: async () => ({ rows: await sloStateForExport(), deliveries: await deliveryStates() }),
  respond: ({ rows, deliveries }) =>
    new Response(sloMetricsText(rows, deliveries), {
      headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
    }),
});
