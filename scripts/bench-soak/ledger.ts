// Alerts fired vs delivered. Retention deletes resolved alerts (and, by cascade, their deliveries)
// after ten simulated days, so the bench copies both tables into this ledger every simulated day,
// before they can go, and compares at the end: every transition (firing, resolved) of every alert,
// for each webhook, must have been sent, and the receiver must have heard it.
import { storePool } from '@/lib/store/pool';
import { alertKeyOf, type ReceivedEvent } from './webhook';

interface AlertSeen {
  key: string;
  resolved: boolean;
}

interface DeliverySeen {
  alertId: string;
  webhook: string;
  transition: 'firing' | 'resolved';
  sent: boolean;
  closedReason: string | null;
}

export interface DeliveryTally {
  webhook: string;
  transitions: number;
  sent: number;
  pending: number;
  givenUp: number;
  heardByReceiver: number;
}

export class AlertLedger {
  private readonly alerts = new Map<string, AlertSeen>();
  private readonly deliveries = new Map<string, DeliverySeen>();

  /** Copies what the store holds now; later copies overwrite earlier ones (a delivery moves on). */
  async record(): Promise<void> {
    const pool = storePool();
    const { rows: alerts } = await pool.query<{ id: string; feature: string; slo: string; rule: string; fired_at: Date; state: string }>(
      'SELECT id::text, feature, slo, rule, fired_at, state FROM alerts',
    );
    for (const a of alerts) {
      this.alerts.set(a.id, { key: alertKeyOf({ ...a, firedAt: a.fired_at }), resolved: a.state === 'resolved' });
    }
    const { rows } = await pool.query<{
      id: string;
      alert_id: string;
      webhook: string;
      transition: 'firing' | 'resolved';
      sent: boolean;
      closed_reason: string | null;
    }>('SELECT id::text, alert_id::text, webhook, transition, sent_at IS NOT NULL AS sent, closed_reason FROM alert_deliveries');
    for (const d of rows) {
      this.deliveries.set(d.id, {
        alertId: d.alert_id,
        webhook: d.webhook,
        transition: d.transition,
        sent: d.sent,
        closedReason: d.closed_reason,
      });
    }
  }

  get fired(): number {
    return this.alerts.size;
  }

  get resolved(): number {
    return [...this.alerts.values()].filter((a) => a.resolved).length;
  }

  /** Per webhook: transitions owed, sent, still pending, given up, and what the receiver heard. */
  tally(webhooks: { name: string; format: 'json' | 'alertmanager' }[], received: ReceivedEvent[]): DeliveryTally[] {
    return webhooks.map(({ name, format }) => {
      const rows = [...this.deliveries.values()].filter((d) => d.webhook === name);
      const heard = new Set(
        received.filter((r) => r.webhook === format).map((r) => (format === 'json' ? `${r.alertKey}:${r.state}` : r.alertKey)),
      );
      const heardByReceiver = rows.filter((d) => {
        const key = this.alerts.get(d.alertId)?.key;
        return key !== undefined && heard.has(format === 'json' ? `${key}:${d.transition}` : key);
      }).length;
      return {
        webhook: name,
        transitions: rows.length,
        sent: rows.filter((d) => d.sent).length,
        pending: rows.filter((d) => !d.sent && d.closedReason === null).length,
        givenUp: rows.filter((d) => d.closedReason?.startsWith('given up') === true).length,
        heardByReceiver,
      };
    });
  }

  /** Transitions the evaluator owes every webhook: each alert fired once and resolved once. */
  get transitions(): number {
    return this.fired + this.resolved;
  }
}
