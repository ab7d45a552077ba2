// SLO arithmetic from the Google SRE Workbook (multi-window, multi-burn-rate alerts), explained
// with worked numbers in docs/algorithms.md "Error budget and burn rates". Every function returns
// null for "unknown" (no data) instead of a misleading 0.

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;
export const DEFAULT_PERIOD_SECONDS = 30 * DAY;

/** Who a burn-rate rule wakes: a page now, or a ticket for working hours. */
export const BURN_SEVERITIES = ['page', 'ticket'] as const;
export type BurnSeverity = (typeof BURN_SEVERITIES)[number];

/**
 * How a rule's two windows stand against its threshold: firing = both at or above it (the alert
 * condition), elevated = one of them, ok = neither, unknown = a window without data.
 */
export const BURN_PAIR_STATES = ['firing', 'elevated', 'ok', 'unknown'] as const;
export type BurnPairState = (typeof BURN_PAIR_STATES)[number];

/** A burn-rate alert is firing while its rule fires, and resolved once the rule no longer does. */
export const ALERT_STATES = ['firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface BurnRule {
  name: string;
  severity: BurnSeverity;
  longWindowSeconds: number;
  shortWindowSeconds: number;
  /** Fraction of the period's budget this rule catches being spent within the long window. */
  budgetFraction: number;
}

// Short windows are 1/12 of the long ones, as the Workbook recommends.
export const BURN_RULES: BurnRule[] = [
  { name: 'page-1h-5m', severity: 'page', longWindowSeconds: HOUR, shortWindowSeconds: 5 * MINUTE, budgetFraction: 0.02 },
  { name: 'page-6h-30m', severity: 'page', longWindowSeconds: 6 * HOUR, shortWindowSeconds: 30 * MINUTE, budgetFraction: 0.05 },
  { name: 'ticket-1d-2h', severity: 'ticket', longWindowSeconds: DAY, shortWindowSeconds: 2 * HOUR, budgetFraction: 0.1 },
  { name: 'ticket-3d-6h', severity: 'ticket', longWindowSeconds: 3 * DAY, shortWindowSeconds: 6 * HOUR, budgetFraction: 0.1 },
];

/** Burn-rate threshold for spending `budgetFraction` of the period's budget within `longWindowSeconds`: b·P/L. */
export function burnThreshold(rule: BurnRule, periodSeconds = DEFAULT_PERIOD_SECONDS): number {
  return (rule.budgetFraction * periodSeconds) / rule.longWindowSeconds;
}

export interface Counts {
  bad: number;
  total: number;
}

/** (bad / total) / (1 − objective); null when the window holds no slices at all. */
export function burnRate({ bad, total }: Counts, objective: number): number | null {
  if (total <= 0) return null;
  return bad / total / (1 - objective);
}

/**
 * Share of the period's error budget still unspent: 1 − bad ÷ (ε × slices in the period).
 * The budget is counted in one-minute slices over the whole period (43,200 for 30 days), so a few
 * bad minutes on a fresh install spend a few minutes of budget instead of "−99,900 %".
 * Negative once overspent; null before any slice was judged.
 */
export function budgetRemaining({ bad, total }: Counts, objective: number, periodSeconds = DEFAULT_PERIOD_SECONDS): number | null {
  if (total <= 0) return null;
  const budgetSlices = (1 - objective) * (periodSeconds / 60);
  return 1 - bad / budgetSlices;
}

/**
 * Seconds until the remaining budget is spent at the current burn rate: remaining ÷ burn × period.
 * null when it never runs out at this rate (burn 0) or is unknown; 0 when already spent.
 */
export function secondsToExhaustion(
  remaining: number | null,
  currentBurn: number | null,
  periodSeconds = DEFAULT_PERIOD_SECONDS,
): number | null {
  if (remaining === null || currentBurn === null) return null;
  if (remaining <= 0) return 0;
  if (currentBurn <= 0) return null;
  return (remaining / currentBurn) * periodSeconds;
}

export interface RuleVerdict {
  rule: BurnRule;
  threshold: number;
  burnLong: number | null;
  burnShort: number | null;
  /** Both windows above the threshold. Unknown burn never fires, but it never counts as healthy either. */
  firing: boolean;
}

export function evaluateBurnRules(
  countsOver: (windowSeconds: number) => Counts,
  objective: number,
  periodSeconds = DEFAULT_PERIOD_SECONDS,
): RuleVerdict[] {
  return BURN_RULES.map((rule) => {
    const threshold = burnThreshold(rule, periodSeconds);
    const burnLong = burnRate(countsOver(rule.longWindowSeconds), objective);
    const burnShort = burnRate(countsOver(rule.shortWindowSeconds), objective);
    const firing = burnLong !== null && burnShort !== null && burnLong >= threshold && burnShort >= threshold;
    return { rule, threshold, burnLong, burnShort, firing };
  });
}
