// The alert-delivery job: one target per configured webhook, on the shared runner (leased, so one
// process sends for each webhook). Each run works off that webhook's due rows in alert_deliveries:
// sends, records success or failure with backoff, and re-sends firing alerts to Alertmanager every
// resend interval. Everything it knows is in the store, so a restart loses nothing, and it never
// runs inside the SLO evaluator, so a webhook that hangs cannot delay a verdict.
import type { WebhookConfig } from '@/lib/config';
import { addSeconds, firingEndsAt, GIVE_UP_RESOLVED_AFTER_SECONDS, retryDelaySeconds } from '@/lib/alerts/delivery-policy';
import { alertmanagerBody, plainBody } from '@/lib/alerts/payloads';
import { postJson } from '@/lib/alerts/post';
import { alertById } from '@/lib/store/queries/alerts';
import { deliveryClosed, deliveryFailed, deliverySucceeded, dueDeliveries, type DueDelivery } from '@/lib/store/queries/alert-deliveries';
import type { EvaluateContext, Evaluator } from '../types';

interface DeliveryTarget {
  name: string;
  webhook: WebhookConfig;
}

/** Rows per run: a backlog after a long outage drains over several runs instead of one long one. */
export const DELIVERIES_PER_RUN = 50;
const POST_TIMEOUT_MS = 5_000;

type Outcome = 'sent' | 'failed' | 'closed';

async function deliverOne(ctx: EvaluateContext<DeliveryTarget, undefined>, d: DueDelivery, dashboardUrl?: string): Promise<Outcome> {
  const { webhook } = ctx.target;
  const now = ctx.now();
  const alert = await alertById(d.alertId);
  if (!alert) {
    await deliveryClosed(d.id, now, 'given up: the alert no longer exists');
    return 'closed';
  }
  const tier = ctx.config.features.find((f) => f.name === alert.feature)?.tier ?? -1;
  const resend = ctx.config.alerts.resendIntervalSeconds;
  const body =
    webhook.format === 'alertmanager'
      ? alertmanagerBody(alert, tier, { firingEndsAt: firingEndsAt(now, resend), dashboardUrl })
      : plainBody(alert, tier, d.transition);
  const result = await postJson(webhook.url, body, AbortSignal.any([ctx.signal, AbortSignal.timeout(POST_TIMEOUT_MS)]));
  if (result.ok) {
    // Alertmanager forgets a firing alert at its endsAt: keep telling it while the alert fires.
    const again = webhook.format === 'alertmanager' && d.transition === 'firing' && alert.state === 'firing';
    await deliverySucceeded(d.id, now, again ? addSeconds(now, resend) : null);
    return 'sent';
  }
  const ageSeconds = (now.getTime() - d.createdAt.getTime()) / 1000;
  if (alert.state === 'resolved' && ageSeconds > GIVE_UP_RESOLVED_AFTER_SECONDS) {
    await deliveryClosed(d.id, now, `given up after ${Math.round(ageSeconds / 3600)} h: ${result.error}`);
    return 'closed';
  }
  await deliveryFailed(d.id, now, result.error, addSeconds(now, retryDelaySeconds(d.attempts + 1)));
  ctx.log.warn({ webhook: webhook.name, alert: alert.id, attempt: d.attempts + 1, err: result.error }, 'webhook delivery failed');
  return 'failed';
}

export function createAlertDeliveryJob(opts: { dashboardUrl?: string } = {}): Evaluator<DeliveryTarget> {
  return {
    // Lease keys and scrape-status rows carry this name.
    name: 'alert-delivery',
    targets: (config) => config.alerts.webhooks.map((webhook) => ({ name: webhook.name, webhook })),
    initialState: () => undefined,
    async evaluate(ctx) {
      const due = await dueDeliveries(ctx.target.webhook.name, ctx.now(), DELIVERIES_PER_RUN);
      const counts: Record<Outcome, number> = { sent: 0, failed: 0, closed: 0 };
      let lastError: string | null = null;
      for (const d of due) {
        if (ctx.signal.aborted) break;
        const outcome = await deliverOne(ctx, d, opts.dashboardUrl);
        counts[outcome] += 1;
        if (outcome === 'failed') lastError = `delivery ${d.id} failing since ${(d.failingSince ?? ctx.now()).toISOString()}`;
      }
      return {
        samples: [],
        summary: `${due.length} due: ${counts.sent} sent, ${counts.failed} failed, ${counts.closed} closed`,
        notes: lastError ? [lastError] : [],
      };
    },
  };
}
