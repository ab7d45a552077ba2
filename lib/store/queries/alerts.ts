// alerts: firing → resolved transitions of burn-rate rules. At most one open (firing) alert per
// feature, SLO and rule; the evaluator opens and closes them.
import { storePool } from '../pool';
import type { AlertState } from '@/lib/slo/burn';

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
}

const COLUMNS = `id, feature, slo, rule, severity, state, fired_at AS "firedAt", resolved_at AS "resolvedAt",
  burn_long AS "burnLong", burn_short AS "burnShort", summary`;

export async function openAlerts(feature: string, slo: string): Promise<AlertRow[]> {
  const { rows } = await storePool().query<AlertRow>(`SELECT ${COLUMNS} FROM alerts WHERE feature = $1 AND slo = $2 AND state = 'firing'`, [
    feature,
    slo,
  ]);
  return rows;
}

export async function fireAlert(a: Omit<AlertRow, 'id' | 'state' | 'resolvedAt'>): Promise<AlertRow> {
  const { rows } = await storePool().query<AlertRow>(
    `INSERT INTO alerts (feature, slo, rule, severity, state, fired_at, burn_long, burn_short, summary)
     VALUES ($1, $2, $3, $4, 'firing', $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [a.feature, a.slo, a.rule, a.severity, a.firedAt, a.burnLong, a.burnShort, a.summary],
  );
  return rows[0]!;
}

export async function resolveAlert(id: string, resolvedAt: Date): Promise<AlertRow | null> {
  const { rows } = await storePool().query<AlertRow>(
    `UPDATE alerts SET state = 'resolved', resolved_at = $2 WHERE id = $1 AND state = 'firing' RETURNING ${COLUMNS}`,
    [id, resolvedAt],
  );
  return rows[0] ?? null;
}

export async function markNotified(id: string, at: Date): Promise<void> {
  await storePool().query('UPDATE alerts SET notified_at = $2 WHERE id = $1', [id, at]);
}

export async function recentAlerts(feature: string | null, limit: number): Promise<AlertRow[]> {
  const { rows } = await storePool().query<AlertRow>(
    `SELECT ${COLUMNS} FROM alerts WHERE ($1::text IS NULL OR feature = $1) ORDER BY fired_at DESC LIMIT $2`,
    [feature, Math.min(limit, 500)],
  );
  return rows;
}
