// One SLO's verdict as every view shows it: the evaluator's row from slo_state, judged for age.
// A verdict older than two collector intervals is worth nothing: its status, SLI, budget and burn
// rates all become unknown (the time of the last verdict stays, for "unknown since 14:02:10").
import { durationSeconds, SLI_UNITS, type SloConfig } from '../../config';
import type { Cause } from '../../slo/cause';
import { SLO_STATUSES, type SloStatus } from '../../slo/status';
import type { SloStateDetail } from '../../store/queries/slo-state';
import { burnPairs, unknownPairs } from './burn-pairs';
import { isStale } from './freshness';
import type { SloSummary } from './schema';

const statusOf = (s: string | undefined): SloStatus =>
  (SLO_STATUSES as readonly string[]).includes(s ?? '') ? (s as SloStatus) : 'unknown';
const finite = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : null);

/** The cause of a verdict nobody has refreshed: the evaluator is what is unknown. */
function staleCause(state: SloStateDetail | undefined, staleAfter: number): Cause {
  const since = state?.evaluatedAt.toISOString() ?? new Date(0).toISOString();
  const words = state
    ? `slo-evaluator has not judged this SLO for over ${staleAfter} s (last verdict ${since.slice(11, 19)} UTC)`
    : 'slo-evaluator has not judged this SLO yet';
  return { hop: { kind: 'evaluator', name: 'slo-evaluator' }, signal: 'no_data', figure: null, since, words };
}

/** A non-ok row without a cause (written before causes were stored) still says something true. */
function causeOfRow(state: SloStateDetail, status: SloStatus): Cause | null {
  if (status === 'ok') return null;
  return (
    state.cause ?? {
      hop: { kind: 'evaluator', name: 'slo-evaluator' },
      signal: 'no_data',
      figure: null,
      since: state.evaluatedAt.toISOString(),
      words: `${status.replace('_', ' ')}: this verdict was stored without a cause; the next evaluation adds one`,
    }
  );
}

export function summarizeSlo(slo: SloConfig, state: SloStateDetail | undefined, nowMs: number, staleAfter: number): SloSummary {
  const period = durationSeconds(slo.period);
  const base = {
    name: slo.name,
    sli: slo.sli,
    unit: SLI_UNITS[slo.sli],
    threshold: slo.threshold,
    objective: slo.objective,
    period: slo.period,
    evaluatedAt: state?.evaluatedAt.toISOString() ?? null,
  };
  if (!state || isStale(state.evaluatedAt, nowMs, staleAfter)) {
    return {
      ...base,
      status: 'unknown',
      sliValue: null,
      budgetRemaining: null,
      exhaustionAt: null,
      burnPairs: unknownPairs(period),
      stale: true,
      cause: staleCause(state, staleAfter),
    };
  }
  const status = statusOf(state.status);
  return {
    ...base,
    status,
    sliValue: finite(state.sliValue),
    budgetRemaining: finite(state.budgetRemaining),
    exhaustionAt: state.exhaustionAt?.toISOString() ?? null,
    burnPairs: burnPairs(state.burnRates, period),
    stale: false,
    cause: causeOfRow(state, status),
  };
}

/** slo_state rows keyed by feature and SLO, for the loaders. */
export function stateIndex(states: SloStateDetail[]): (feature: string, slo: string) => SloStateDetail | undefined {
  const byKey = new Map(states.map((s) => [`${s.feature}\u0000${s.slo}`, s]));
  return (feature, slo) => byKey.get(`${feature}\u0000${slo}`);
}
