// The four multi-window burn-rate rules of an SLO as pairs (long window, short window) against the
// rule's threshold, read from slo_state.burn_rates. A missing or null window is unknown, never 0.
import { BURN_RULES, burnThreshold, type BurnPairState } from '../../slo/burn';
import type { BurnPairView } from './schema';

/** Keys of slo_state.burn_rates; the same spelling the evaluator writes ("5m", "1h", "1d"). */
export function windowLabel(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return `${seconds / 60}m`;
}

const known = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * firing: both windows at or above the threshold (the evaluator's alert condition);
 * elevated: one of them is; ok: both below; unknown: either window has no data.
 */
export function pairState(long: number | null, short: number | null, threshold: number): BurnPairState {
  if (long === null || short === null) return 'unknown';
  const above = [long, short].filter((burn) => burn >= threshold).length;
  return above === 2 ? 'firing' : above === 1 ? 'elevated' : 'ok';
}

/** Thresholds scale with the SLO period (b·P/L), exactly as the evaluator computes them. */
export function burnPairs(burnRates: unknown, periodSeconds: number): BurnPairView[] {
  const rates = burnRates && typeof burnRates === 'object' ? (burnRates as Record<string, unknown>) : {};
  return BURN_RULES.map((rule) => {
    const longWindow = windowLabel(rule.longWindowSeconds);
    const shortWindow = windowLabel(rule.shortWindowSeconds);
    const threshold = burnThreshold(rule, periodSeconds);
    const long = known(rates[longWindow]);
    const short = known(rates[shortWindow]);
    return {
      rule: rule.name,
      severity: rule.severity,
      longWindow,
      shortWindow,
      threshold,
      long,
      short,
      state: pairState(long, short, threshold),
    };
  });
}

/** The same pairs with every burn unknown: what a stale verdict is worth. */
export function unknownPairs(periodSeconds: number): BurnPairView[] {
  return burnPairs({}, periodSeconds);
}
