// What /api/demo/faults accepts and answers, as zod schemas the route checks its answers with and
// the panel's polling hook validates against. The shop's database is a monitored system: its
// failures become TruthflowErrors, so the route wrapper answers them 503 with the kind in words.
import { z } from 'zod';
import { errorKindOf, TruthflowError } from '../errors';
import { FAULT_NAMES } from './catalogue';
import { faultViewSchema, valueProblem } from './switches';

/** POST body: flip one switch, or turn every switch off. */
export const faultChangeSchema = z
  .union(
    [
      z.object({ name: z.enum(FAULT_NAMES), on: z.boolean(), value: z.number().positive().optional() }),
      z.object({ allOff: z.literal(true) }),
    ],
    { error: `expected { name: one of ${FAULT_NAMES.join(', ')}, on: true|false, value?: number } or { allOff: true }` },
  )
  .superRefine((change, ctx) => {
    const problem = 'name' in change ? valueProblem(change.name, change.value) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

/** GET, and POST { allOff: true }: every switch. */
export const faultsAnswerSchema = z.object({ faults: z.array(faultViewSchema) });
/** POST { name, on, value? }: the switch as recorded. */
export const faultAnswerSchema = z.object({ fault: faultViewSchema });
export const faultChangeAnswerSchema = z.union([faultsAnswerSchema, faultAnswerSchema]);

/** The shop database's failure, as a monitored system's error. */
export function shopFailure(error: unknown): TruthflowError {
  if (error instanceof TruthflowError) return error;
  return new TruthflowError(errorKindOf(error), error instanceof Error ? error.message : String(error), { cause: error });
}
