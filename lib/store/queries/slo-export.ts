// Reads for the Prometheus export of SLO state: every row of slo_state (few: features × SLOs).
import type { Cause } from '@/lib/slo/cause';
import { storePool } from '../pool';
import { causeFromJson } from './slo-state';

export interface SloExportRow {
  feature: string;
  slo: string;
  tier: number;
  status: string;
  sli_value: number | null;
  budget_remaining: number | null;
  burn_rates: Record<string, number | null>;
  age_seconds: number;
  cause: Cause | null;
}

export async function sloStateForExport(): Promise<SloExportRow[]> {
  const { rows } = await storePool().query<Omit<SloExportRow, 'cause'> & { cause: unknown }>(
    `SELECT feature, slo, tier, status, sli_value, budget_remaining, burn_rates,
            EXTRACT(EPOCH FROM now() - evaluated_at)::float8 AS age_seconds, cause
       FROM slo_state ORDER BY tier, feature, slo`,
  );
  return rows.map((r) => ({ ...r, cause: causeFromJson(r.cause) }));
}
