// The one word a feature's SLO shows: ok, at risk, breached, or unknown, and the cause behind any
// word but ok. It describes NOW, so that an SRE sees a fix take effect within a couple of runs; how
// much budget the incident burned is what the burn-rate alerts and the budget figure are for.
//   unknown  – the newest reading is missing or stale (a stalled collector never looks green)
//   breached – the error budget of the period is spent
//   at risk  – the SLI is above its threshold right now, or a leading signal on a hop that feeds
//              this SLI (a stopped consumer, a growing backlog) says it soon will be
//   ok       – none of the above
// Only hops in the SLO's scope (hops.ts) are ever looked at, so the cause is always one of them.
import type { RuleVerdict } from './burn';
import type { Finding } from './cause';
import type { Hop } from './hops';
import type { MissingReading, SliResult } from './sli';

/** Every status an SLO can have, in the order the Prometheus export lists them. */
export const SLO_STATUSES = ['ok', 'at_risk', 'breached', 'unknown'] as const;
export type SloStatus = (typeof SLO_STATUSES)[number];

export interface StatusInputs {
  latestValue: number | null;
  latestAgeSeconds: number | null;
  /** Two collector intervals by default: older data is stale. */
  staleAfterSeconds: number;
  threshold: number;
  /** Which side of the threshold is bad; above for every SLI but the cache hit ratio. */
  badWhen?: 'above' | 'below';
  budgetRemaining: number | null;
  /** Kept for the caller's convenience; firing alerts are shown beside the status, not folded into it. */
  rules?: RuleVerdict[];
  /** Leading signals on hops in scope; signals elsewhere must not be passed in. */
  warnings?: readonly Finding[];
}

export function sloStatus(i: StatusInputs): SloStatus {
  if (i.latestValue === null || i.latestAgeSeconds === null || i.latestAgeSeconds > i.staleAfterSeconds) return 'unknown';
  if (i.budgetRemaining !== null && i.budgetRemaining <= 0) return 'breached';
  const over = i.badWhen === 'below' ? i.latestValue < i.threshold : i.latestValue > i.threshold;
  if (over || (i.warnings?.length ?? 0) > 0) return 'at_risk';
  return 'ok';
}

export interface CauseContext {
  /** The SLO's scope, first hop first: where a spent budget is blamed when nothing is wrong now. */
  scope: readonly Hop[];
  period: string;
  /** "kafka-lag collector failing for events: connection refused" when the hop's collector fails. */
  collectorFailure: (hop: Hop) => string | null;
}

/** An unreadable hop as a finding: its collector's failure when there is one, else "no data". */
export function findingForMissing(gap: MissingReading, collectorFailure: CauseContext['collectorFailure']): Finding {
  const failure = collectorFailure(gap.hop);
  return failure
    ? { hop: gap.hop, signal: 'unreachable', figure: null, words: failure }
    : { hop: gap.hop, signal: 'no_data', figure: null, words: `no fresh reading for ${gap.what}` };
}

/** Why the status is not ok; null for ok. Never a hop outside the scope. */
export function causeOf(status: SloStatus, sli: SliResult, ctx: CauseContext): Finding | null {
  if (status === 'ok') return null;
  if (status === 'unknown') {
    const gap = sli.missing[0];
    if (!gap) {
      const hop = ctx.scope[0] ?? { kind: 'slo', name: 'sli' };
      return { hop, signal: 'no_data', figure: null, words: `no fresh reading for ${hop.kind} ${hop.name}` };
    }
    return findingForMissing(gap, ctx.collectorFailure);
  }
  const now = sli.overThreshold ?? sli.warnings[0] ?? null;
  if (now) return now;
  const hop = ctx.scope[0] ?? { kind: 'slo', name: 'sli' };
  return {
    hop,
    signal: 'budget_spent',
    figure: null,
    words: `error budget of the ${ctx.period} period is spent; ${hop.name} is within its threshold now`,
  };
}
