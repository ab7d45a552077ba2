// URL state of `/` and `/api/overview`: the optional tier filter. Imported by client components
// too: no store imports here.
import { z } from 'zod';
import { TIERS } from '../../config/schema-features';
import { firstValue, lenient, oneOf, type SearchParams } from '../shared/params';

const TIER_PROBLEM = `expected tier ${oneOf(TIERS)}`;
const tierSchema = z
  .string()
  .regex(/^\d$/, { error: TIER_PROBLEM })
  .transform(Number)
  .pipe(z.literal(TIERS, { error: TIER_PROBLEM }));

export const overviewQuerySchema = z.strictObject({ tier: tierSchema.optional() });
export type OverviewParams = z.output<typeof overviewQuerySchema>;

export function parseOverviewParams(params: SearchParams): OverviewParams {
  const tier = lenient(tierSchema, firstValue(params.tier));
  return tier === undefined ? {} : { tier };
}

export function overviewHref(params: OverviewParams): string {
  return params.tier === undefined ? '/' : `/?tier=${params.tier}`;
}
