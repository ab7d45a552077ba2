// Reads for the Prometheus export of SLO state: every row of slo_state (few: features × SLOs).
import { storePool } from '../pool';

export interface SloExportRow {
  feature: string;
  slo: string;
  tier: number;
  status: string;
  sli_value: number | null;
  budget_remaining: number | null;
  burn_rates: Record<string, number | null>;
  age_seconds: number;
}

export async function sloStateForExport(): Promise<SloExportRow[]> {
  const { rows } = await storePool().query<SloExportRow>(
    `SELECT feature, slo, tier, status, sli_value, budget_remaining, burn_rates,
            EXTRACT(EPOCH FROM now() - evaluated_at)::float8 AS age_seconds
       FROM slo_state ORDER BY tier, feature, slo`,
  );
  return rows;
}
