// Delivers alert transitions to the configured webhooks in the background. A webhook that is down
// is retried with backoff and finally given up on, but never blocks the evaluator: notify() only
// enqueues, and the queue is bounded.
import type { WebhookConfig } from '../config';
import type { Logger } from '../log';
import { markNotified, type AlertRow } from '../store/queries/alerts';
import { alertmanagerBody, plainBody } from './payloads';

export interface WebhookOptions {
  webhooks: WebhookConfig[];
  log: Logger;
  attempts?: number;
  firstBackoffMs?: number;
  timeoutMs?: number;
  maxQueued?: number;
  dashboardUrl?: string;
}

interface Delivery {
  alert: AlertRow;
  tier: number;
}

export class WebhookNotifier {
  private readonly queue: Delivery[] = [];
  private draining: Promise<void> | undefined;
  readonly stats = { delivered: 0, failed: 0, dropped: 0 };

  constructor(private readonly opts: WebhookOptions) {}

  notify(alert: AlertRow, tier: number): void {
    if (this.opts.webhooks.length === 0) return;
    if (this.queue.length >= (this.opts.maxQueued ?? 1000)) {
      this.stats.dropped += 1;
      this.opts.log.warn({ alert: alert.id }, 'webhook queue full; alert transition not delivered');
      return;
    }
    this.queue.push({ alert, tier });
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Resolves when everything queued so far was delivered or given up on (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      const results = await Promise.all(this.opts.webhooks.map((hook) => this.deliver(hook, next!)));
      if (results.every(Boolean)) await markNotified(next.alert.id, new Date()).catch(() => undefined);
    }
  }

  private async deliver(hook: WebhookConfig, { alert, tier }: Delivery): Promise<boolean> {
    const body = hook.format === 'alertmanager' ? alertmanagerBody(alert, tier, this.opts.dashboardUrl) : plainBody(alert, tier);
    const attempts = this.opts.attempts ?? 4;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await fetch(hook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5_000),
        });
        if (response.ok) {
          this.stats.delivered += 1;
          return true;
        }
        this.opts.log.warn({ webhook: hook.name, status: response.status, attempt }, 'webhook answered with an error');
      } catch (error) {
        this.opts.log.warn({ webhook: hook.name, err: (error as Error).message, attempt }, 'webhook unreachable');
      }
      if (attempt < attempts) await new Promise((r) => setTimeout(r, (this.opts.firstBackoffMs ?? 1_000) * 2 ** (attempt - 1)));
    }
    this.stats.failed += 1;
    return false;
  }
}
