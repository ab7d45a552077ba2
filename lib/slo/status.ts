// The one word a feature's SLO shows: ok, at risk, breached, or unknown. Unknown wins whenever the
// newest reading is missing or stale, so a stalled collector can never look green.
import type { RuleVerdict } from './burn';

export type SloStatus = 'ok' | 'at_risk' | 'breached' | 'unknown';

export interface StatusInputs {
  latestValue: number | null;
  latestAgeSeconds: number | null;
  /** Two collector intervals by default: older data is stale. */
  staleAfterSeconds: number;
  threshold: number;
  budgetRemaining: number | null;
  rules: RuleVerdict[];
  /** Pipeline signals that predict a breach before the SLI crosses its threshold (stopped consumer, growing DLQ). */
  warnings?: string[];
}

export function sloStatus(i: StatusInputs): SloStatus {
  if (i.latestValue === null || i.latestAgeSeconds === null || i.latestAgeSeconds > i.staleAfterSeconds) return 'unknown';
  if ((i.budgetRemaining !== null && i.budgetRemaining <= 0) || i.rules.some((r) => r.firing && r.rule.severity === 'page')) {
    return 'breached';
  }
  if (i.latestValue > i.threshold || i.rules.some((r) => r.firing) || (i.warnings?.length ?? 0) > 0) return 'at_risk';
  return 'ok';
}
