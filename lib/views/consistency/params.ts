// URL state of `/consistency/[reconciliation]`, parsed in one place: the reconciliation's name
// (a config name) and an optional reason filter. Pages parse leniently, the API strictly.
// Imported by client components too: no store imports here.
import { z } from 'zod';
import { NAME, NAME_RULE } from '../../config/fields';
import { MISMATCH_REASONS } from '../../reconcile/types';
import { firstValue, lenient, oneOf, type SearchParams } from '../shared/params';

export const reconciliationParamSchema = z.string().regex(NAME, { error: NAME_RULE });

export const mismatchesQuerySchema = z.strictObject({
  reason: z.enum(MISMATCH_REASONS, { error: `expected a reason, ${oneOf(MISMATCH_REASONS)}` }).optional(),
});
export type MismatchesQuery = z.output<typeof mismatchesQuerySchema>;

export function parseMismatchesParams(params: SearchParams): MismatchesQuery {
  return { reason: lenient(z.enum(MISMATCH_REASONS), firstValue(params.reason)) };
}

export const consistencyHref = (reconciliation: string, reason?: string) =>
  `/consistency/${encodeURIComponent(reconciliation)}${reason ? `?reason=${encodeURIComponent(reason)}` : ''}`;
