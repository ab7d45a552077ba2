// slo_state: the evaluator's current verdict per feature and SLO, with its cause.
import { causeSchema, type Cause } from '@/lib/slo/cause';
import { storePool } from '../pool';

/** jsonb as stored; anything that is not a cause (an older row, a hand edit) reads as none. */
export function causeFromJson(value: unknown): Cause | null {
  const parsed = causeSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export interface SloStateView {
  feature: string;
  slo: string;
  status: string;
  budgetRemaining: number | null;
  evaluatedAt: Date;
}

export async function listSloState(): Promise<SloStateView[]> {
  const { rows } = await storePool().query<SloStateView>(
    `SELECT feature, slo, status, budget_remaining AS "budgetRemaining", evaluated_at AS "evaluatedAt"
       FROM slo_state ORDER BY tier, feature, slo`,
  );
  return rows;
}

export interface SloStateWrite {
  feature: string;
  slo: string;
  tier: number;
  status: string;
  sliValue: number | null;
  budgetRemaining: number | null;
  burnRates: Record<string, number | null>;
  exhaustionAt: Date | null;
  evaluatedAt: Date;
  cause: Cause | null;
}

export async function upsertSloState(s: SloStateWrite): Promise<void> {
  await storePool().query(
    `INSERT INTO slo_state (feature, slo, tier, status, sli_value, budget_remaining, burn_rates, exhaustion_at, evaluated_at, cause)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb)
     ON CONFLICT (feature, slo) DO UPDATE SET tier = EXCLUDED.tier, status = EXCLUDED.status, sli_value = EXCLUDED.sli_value,
       budget_remaining = EXCLUDED.budget_remaining, burn_rates = EXCLUDED.burn_rates,
       exhaustion_at = EXCLUDED.exhaustion_at, evaluated_at = EXCLUDED.evaluated_at, cause = EXCLUDED.cause`,
    [
      s.feature,
      s.slo,
      s.tier,
      s.status,
      s.sliValue,
      s.budgetRemaining,
      JSON.stringify(s.burnRates),
      s.exhaustionAt,
      s.evaluatedAt,
      s.cause === null ? null : JSON.stringify(s.cause),
    ],
  );
}

export interface SloStateDetail extends SloStateView {
  tier: number;
  sliValue: number | null;
  /** jsonb as stored, e.g. {"5m": 0.2, "1h": null}; parsed by the views. */
  burnRates: unknown;
  exhaustionAt: Date | null;
  cause: Cause | null;
}

/** Every column the dashboard shows, for one feature or all. */
export async function listSloStateDetail(feature: string | null = null): Promise<SloStateDetail[]> {
  const { rows } = await storePool().query<Omit<SloStateDetail, 'cause'> & { cause: unknown }>(
    `SELECT feature, slo, tier, status, sli_value AS "sliValue", budget_remaining AS "budgetRemaining",
            burn_rates AS "burnRates", exhaustion_at AS "exhaustionAt", evaluated_at AS "evaluatedAt", cause
       FROM slo_state WHERE ($1::text IS NULL OR feature = $1)
      ORDER BY tier, feature, slo`,
    [feature],
  );
  return rows.map((r) => ({ ...r, cause: causeFromJson(r.cause) }));
}

/** The cause stored for one SLO, so that `since` survives an evaluator restart. */
export async function storedCause(feature: string, slo: string): Promise<Cause | null> {
  const { rows } = await storePool().query<{ cause: unknown }>('SELECT cause FROM slo_state WHERE feature = $1 AND slo = $2', [
    feature,
    slo,
  ]);
  return causeFromJson(rows[0]?.cause);
}
