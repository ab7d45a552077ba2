// The one burn pair an overview row has room for: the pair closest to (or furthest past) firing.
// A pair fires when both windows reach its threshold, so the lower of its two burns is what is
// compared with the threshold. Pure, so the row and its test share one rule.
import type { BurnPairView } from '../shared/schema';

/** Lower window burn over the threshold; null when a window is unknown. */
export function pairRatio(pair: BurnPairView): number | null {
  if (pair.long === null || pair.short === null || pair.threshold <= 0) return null;
  return Math.min(pair.long, pair.short) / pair.threshold;
}

/**
 * The pair with the highest known ratio; on a tie, or when every window is unknown, the first
 * pair (the fastest page rule) — the one an SRE would want to see first.
 */
export function worstPair(pairs: readonly BurnPairView[]): BurnPairView | null {
  let worst: BurnPairView | null = pairs[0] ?? null;
  let worstRatio = worst ? pairRatio(worst) : null;
  for (const pair of pairs.slice(1)) {
    const ratio = pairRatio(pair);
    if (ratio !== null && (worstRatio === null || ratio > worstRatio)) {
      worst = pair;
      worstRatio = ratio;
    }
  }
  return worst;
}
