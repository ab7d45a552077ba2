// alert_deliveries: Truthflow's own outbox of alert transitions (one row per transition and
// webhook). Rows are written by alerts.ts inside the alert's transaction and worked off by the
// alert-delivery job; a row stays open until it is delivered, superseded by the resolve, or given
// up on, and an Alertmanager firing row stays open while the alert fires, to be sent again.
import type pg from 'pg';
import { storePool } from '../pool';

export const TRANSITIONS = ['firing', 'resolved'] as const;
export type Transition = (typeof TRANSITIONS)[number];

export interface DueDelivery {
  id: string;
  alertId: string;
  webhook: string;
  transition: Transition;
  createdAt: Date;
  attempts: number;
  failingSince: Date | null;
}

export async function enqueueDeliveries(
  client: pg.ClientBase,
  alertId: string,
  transition: Transition,
  webhooks: readonly string[],
  at: Date,
): Promise<void> {
  if (webhooks.length === 0) return;
  await client.query(
    `INSERT INTO alert_deliveries (alert_id, webhook, transition, created_at, next_attempt_at)
     SELECT $1, w, $2, $3, $3 FROM unnest($4::text[]) AS w`,
    [alertId, transition, at, [...webhooks]],
  );
}

/**
 * Ends the re-sending of an alert's firing deliveries that were already sent. One never sent stays
 * open, so that a webhook hears of the alert at all, and in order: firing, then resolved.
 */
export async function closeResentDeliveries(client: pg.ClientBase, alertId: string, at: Date, reason: string): Promise<void> {
  await client.query(
    `UPDATE alert_deliveries SET closed_at = $2, closed_reason = $3 WHERE alert_id = $1 AND closed_at IS NULL AND sent_at IS NOT NULL`,
    [alertId, at, reason],
  );
}

/** Open deliveries of one webhook that are due, oldest first. */
export async function dueDeliveries(webhook: string, now: Date, limit: number): Promise<DueDelivery[]> {
  const { rows } = await storePool().query<DueDelivery>(
    `SELECT id::text AS id, alert_id::text AS "alertId", webhook, transition, created_at AS "createdAt", attempts,
            failing_since AS "failingSince"
       FROM alert_deliveries
      WHERE webhook = $1 AND closed_at IS NULL AND next_attempt_at <= $2
      ORDER BY next_attempt_at, id
      LIMIT $3`,
    [webhook, now, limit],
  );
  return rows;
}

/** Sent: closed, or (an Alertmanager firing alert) due again at `againAt`. */
export async function deliverySucceeded(id: string, now: Date, againAt: Date | null): Promise<void> {
  await storePool().query(
    `UPDATE alert_deliveries
        SET sent_at = $2::timestamptz, last_attempt_at = $2::timestamptz, attempts = attempts + 1, last_error = NULL,
            failing_since = NULL, next_attempt_at = COALESCE($3::timestamptz, next_attempt_at),
            closed_at = CASE WHEN $3::timestamptz IS NULL THEN $2::timestamptz END,
            closed_reason = CASE WHEN $3::timestamptz IS NULL THEN 'delivered' END
      WHERE id = $1 AND closed_at IS NULL`,
    [id, now, againAt],
  );
}

export async function deliveryFailed(id: string, now: Date, error: string, retryAt: Date): Promise<void> {
  await storePool().query(
    `UPDATE alert_deliveries
        SET last_attempt_at = $2, attempts = attempts + 1, last_error = $3, failing_since = COALESCE(failing_since, $2),
            next_attempt_at = $4
      WHERE id = $1 AND closed_at IS NULL`,
    [id, now, error.slice(0, 500), retryAt],
  );
}

export async function deliveryClosed(id: string, now: Date, reason: string): Promise<void> {
  await storePool().query(`UPDATE alert_deliveries SET closed_at = $2, closed_reason = $3 WHERE id = $1 AND closed_at IS NULL`, [
    id,
    now,
    reason,
  ]);
}

export interface WebhookDeliveryState {
  webhook: string;
  /** Open deliveries never sent yet (an Alertmanager re-send that is merely due is not pending). */
  pending: number;
  failingSince: Date | null;
  lastError: string | null;
  oldestPendingAt: Date | null;
  delivered: number;
  givenUp: number;
}

/** Delivery state per webhook, optionally for one feature's alerts. */
export async function deliveryStates(feature: string | null = null): Promise<WebhookDeliveryState[]> {
  const { rows } = await storePool().query<WebhookDeliveryState>(
    `SELECT d.webhook,
            count(*) FILTER (WHERE d.closed_at IS NULL AND (d.sent_at IS NULL OR d.failing_since IS NOT NULL))::int AS pending,
            min(d.failing_since) FILTER (WHERE d.closed_at IS NULL) AS "failingSince",
            (array_agg(d.last_error ORDER BY d.last_attempt_at DESC NULLS LAST) FILTER (WHERE d.closed_at IS NULL AND d.last_error IS NOT NULL))[1] AS "lastError",
            min(d.created_at) FILTER (WHERE d.closed_at IS NULL AND d.sent_at IS NULL) AS "oldestPendingAt",
            count(*) FILTER (WHERE d.closed_reason = 'delivered' OR d.sent_at IS NOT NULL)::int AS delivered,
            count(*) FILTER (WHERE d.closed_reason LIKE 'given up%')::int AS "givenUp"
       FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id
      WHERE $1::text IS NULL OR a.feature = $1
      GROUP BY d.webhook ORDER BY d.webhook`,
    [feature],
  );
  return rows;
}
