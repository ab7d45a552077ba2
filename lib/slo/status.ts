// The one word a feature's SLO shows: ok, at risk, breached, or unknown. It describes NOW, so that
// an SRE sees a fix take effect within a couple of runs; how much budget the incident burned is
// what the burn-rate alerts and the budget figure beside the word are for.
//   unknown  – the newest reading is missing or stale (a stalled collector never looks green)
//   breached – the error budget of the period is spent
//   at risk  – the SLI is above its threshold right now, or a leading signal (a stopped consumer,
//              a growing backlog) says it soon will be
//   ok       – none of the above
import type { RuleVerdict } from './burn';

/** Every status an SLO can have, in the order the Prometheus export lists them. */
export const SLO_STATUSES = ['ok', 'at_risk', 'breached', 'unknown'] as const;
export type SloStatus = (typeof SLO_STATUSES)[number];

export interface StatusInputs {
  latestValue: number | null;
  latestAgeSeconds: number | null;
  /** Two collector intervals by default: older data is stale. */
  staleAfterSeconds: number;
  threshold: number;
  budgetRemaining: number | null;
  /** Kept for the caller's convenience; firing alerts are shown beside the status, not folded into it. */
  rules?: RuleVerdict[];
  warnings?: string[];
}

export function sloStatus(i: StatusInputs): SloStatus {
  if (i.latestValue === null || i.latestAgeSeconds === null || i.latestAgeSeconds > i.staleAfterSeconds) return 'unknown';
  if (i.budgetRemaining !== null && i.budgetRemaining <= 0) return 'breached';
  if (i.latestValue > i.threshold || (i.warnings?.length ?? 0) > 0) return 'at_risk';
  return 'ok';
}
