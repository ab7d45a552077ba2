// The per-aggregate-type breakdown of an outbox's backlog, from the outbox collector's labelled
// readings. Pure, so the tests can pin down what "now" means for a type that drained.
import type { Reading } from '../../store/queries/sli-readings';
import { measureOf } from '../shared/measure';
import type { OutboxType } from './schema';

/** The label the outbox collector puts on its per-type readings (totals have none). */
export const TYPE_LABEL = 'aggregate_type';

/** The outbox-wide readings: the ones without a type label. */
export const totalsOnly = (rs: Reading[]) => rs.filter((r) => r.labels[TYPE_LABEL] === undefined);

/**
 * The breakdown of the newest run only: a type that drained is reported once as 0 and then not at
 * all, so a type missing from the newest run has nothing waiting, and its old reading is not "now".
 */
export function typeBreakdown(unsent: Reading[], age: Reading[], nowMs: number, staleAfter: number): OutboxType[] {
  const typed = unsent.filter((r) => r.labels[TYPE_LABEL] !== undefined);
  const newest = Math.max(...typed.map((r) => r.ts.getTime()));
  const ageOf = new Map(age.filter((r) => r.labels[TYPE_LABEL] !== undefined).map((r) => [r.labels[TYPE_LABEL]!, r]));
  return typed
    .filter((r) => r.ts.getTime() === newest)
    .map((r) => {
      const a = ageOf.get(r.labels[TYPE_LABEL]!);
      return {
        aggregateType: r.labels[TYPE_LABEL]!,
        unsentRows: measureOf([r], { combine: 'sum' }, nowMs, staleAfter),
        oldestUnsentAgeSeconds:
          a && a.ts.getTime() === newest ? measureOf([a], { combine: 'max' }, nowMs, staleAfter) : { value: null, at: null },
      };
    })
    .sort((x, y) => (y.unsentRows.value ?? -1) - (x.unsentRows.value ?? -1) || x.aggregateType.localeCompare(y.aggregateType));
}
