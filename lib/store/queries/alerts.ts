// alerts: firing → resolved transitions of burn-rate rules. At most one open (firing) alert per
// feature, SLO and rule; the evaluator opens and closes them. Each transition writes its webhook
// deliveries (alert-deliveries.ts) in the same transaction, so an alert is never stored without
// the promise to tell someone, nor announced without being stored.
import type pg from 'pg';
import type { AlertState } from '@/lib/slo/burn';
import type { Cause } from '@/lib/slo/cause';
import { withTransaction } from '@/lib/sql/transaction';
import { storePool } from '../pool';
import { closeResentDeliveries, enqueueDeliveries } from './alert-deliveries';
import { causeFromJson } from './slo-state';

export interface AlertRow {
  id: string;
  feature: string;
  slo: string;
  rule: string;
  severity: string;
  state: AlertState;
  firedAt: Date;
  resolvedAt: Date | null;
  burnLong: number | null;
  burnShort: number | null;
  summary: string;
  /** The SLO's cause when the alert fired; null for alerts stored before causes existed. */
  cause: Cause | null;
}

const COLUMNS = `id, feature, slo, rule, severity, state, fired_at AS "firedAt", resolved_at AS "resolvedAt",
  burn_long AS "burnLong", burn_short AS "burnShort", summary, cause`;

type AlertDbRow = Omit<AlertRow, 'cause'> & { cause: unknown };
const alertFromRow = (row: AlertDbRow): AlertRow => ({ ...row, cause: causeFromJson(row.cause) });

export async function openAlerts(feature: string, slo: string): Promise<AlertRow[]> {
  const { rows } = await storePool().query<AlertDbRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE feature = $1 AND slo = $2 AND state = 'firing'`,
    [feature, slo],
  );
  return rows.map(alertFromRow);
}

export async function fireAlert(a: Omit<AlertRow, 'id' | 'state' | 'resolvedAt'>, webhooks: readonly string[] = []): Promise<AlertRow> {
  return withTransaction(storePool(), async (client: pg.PoolClient) => {
    const { rows } = await client.query<AlertDbRow>(
      `INSERT INTO alerts (feature, slo, rule, severity, state, fired_at, burn_long, burn_short, summary, cause)
       VALUES ($1, $2, $3, $4, 'firing', $5, $6, $7, $8, $9::jsonb) RETURNING ${COLUMNS}`,
      [
        a.feature,
        a.slo,
        a.rule,
        a.severity,
        a.firedAt,
        a.burnLong,
        a.burnShort,
        a.summary,
        a.cause === null ? null : JSON.stringify(a.cause),
      ],
    );
    const alert = alertFromRow(rows[0]!);
    await enqueueDeliveries(client, alert.id, 'firing', webhooks, a.firedAt);
    return alert;
  });
}

/** Resolves a firing alert; Alertmanager re-sends of its firing state stop, the resolve is queued. */
export async function resolveAlert(id: string, resolvedAt: Date, webhooks: readonly string[] = []): Promise<AlertRow | null> {
  return withTransaction(storePool(), async (client: pg.PoolClient) => {
    const { rows } = await client.query<AlertDbRow>(
      `UPDATE alerts SET state = 'resolved', resolved_at = $2 WHERE id = $1 AND state = 'firing' RETURNING ${COLUMNS}`,
      [id, resolvedAt],
    );
    if (!rows[0]) return null;
    await closeResentDeliveries(client, id, resolvedAt, 'superseded: the alert resolved');
    await enqueueDeliveries(client, id, 'resolved', webhooks, resolvedAt);
    return alertFromRow(rows[0]);
  });
}

/** One alert by id, as the delivery job sends it. */
export async function alertById(id: string): Promise<AlertRow | null> {
  const { rows } = await storePool().query<AlertDbRow>(`SELECT ${COLUMNS} FROM alerts WHERE id = $1`, [id]);
  return rows[0] ? alertFromRow(rows[0]) : null;
}

export async function markNotified(id: string, at: Date): Promise<void> {
  await storePool().query('UPDATE alerts SET notified_at = $2 WHERE id = $1', [id, at]);
}

export async function recentAlerts(feature: string | null, limit: number): Promise<AlertRow[]> {
  const { rows } = await storePool().query<AlertDbRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE ($1::text IS NULL OR feature = $1) ORDER BY fired_at DESC LIMIT $2`,
    [feature, Math.min(limit, 500)],
  );
  return rows.map(alertFromRow);
}

/** Retention in bounded batches: resolved alerts that fired before `cutoff`; a firing one is kept however old. */
export async function deleteResolvedAlertsBefore(cutoff: Date, batchSize: number): Promise<number> {
  const result = await storePool().query(
    `DELETE FROM alerts WHERE id = ANY (ARRAY(SELECT id FROM alerts WHERE state = 'resolved' AND fired_at < $1 LIMIT $2))`,
    [cutoff, batchSize],
  );
  return result.rowCount ?? 0;
}
