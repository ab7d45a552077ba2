// The SLO evaluator: one job per feature SLO, under the same runner as the collectors. Each run
// computes the SLI from fresh samples, closes finished one-minute slices (a minute with no reading
// is bad), recomputes budget and burn rates from the slices, stores the verdict, and opens or
// resolves burn-rate alerts.
//
// What goes through the runner and what stays here: the SLI sample is returned as output and
// buffered like any collector's, so it survives a store outage and later runs slice it. Slices,
// slo_state and alert transitions stay explicit writes in this file, in this order, because each
// step reads what the one before wrote: slice counts are read back from the slices just closed,
// alerts are compared with the open ones in the store, and a fired or resolved alert is written
// together with its webhook deliveries, which the alert-delivery job sends. Returned as output they would be written after the run,
// out of that order, and a failed state or alert write would turn into a scrape note on a run
// reported as successful, where today it fails the run.
import type { FeatureConfig, SloConfig } from '@/lib/config';
import { durationSeconds } from '@/lib/config';
import { SLI_BAD_WHEN } from '@/lib/config/schema-features';
import { SERIES } from '@/lib/series-names';
import { BURN_RULES, budgetRemaining, evaluateBurnRules, secondsToExhaustion, type RuleVerdict } from '@/lib/slo/burn';
import type { Cause } from '@/lib/slo/cause';
import { readingFreshForSeconds, sliScope } from '@/lib/slo/hops';
import { computeSli, GROWTH_READINGS } from '@/lib/slo/sli';
import { buildSlices, sliceStartOf } from '@/lib/slo/slices';
import { causeOf, sloStatus } from '@/lib/slo/status';
import { fireAlert, openAlerts, resolveAlert } from '@/lib/store/queries/alerts';
import { newestReadings, recentReadings, seriesPoints } from '@/lib/store/queries/sli-readings';
import { sampleDropsBetween } from '@/lib/store/queries/sample-drops';
import { sliceCounts, sliceSpan, upsertSlices } from '@/lib/store/queries/slo-slices';
import { upsertSloState } from '@/lib/store/queries/slo-state';
import type { EvaluateContext, Evaluator } from '../types';
import { hopCollectors, observedNow, recordSignals, rememberCause, type CauseMemory } from './slo-cause';

interface SloTarget {
  name: string;
  feature: FeatureConfig;
  slo: SloConfig;
}

interface EvaluatorState extends CauseMemory {
  /** Where slice accounting starts when the store holds no slice yet for this SLO. */
  firstSlice?: Date;
}

const MAX_BACKFILL_MS = 24 * 3600 * 1000;
/**
 * Closed slices this recent are built again on every run: samples the sink held back during a
 * store outage arrive late, and the minutes they belong to must be judged by them, not stay bad.
 */
export const LATE_SAMPLE_LOOKBACK_MS = 15 * 60_000;
const WINDOW_LABEL = (s: number) => (s % 86_400 === 0 ? `${s / 86_400}d` : s % 3600 === 0 ? `${s / 3600}h` : `${s / 60}m`);

async function closeFinishedSlices(ctx: EvaluateContext<SloTarget, EvaluatorState>, now: Date): Promise<void> {
  const { feature, slo } = ctx.target;
  const end = sliceStartOf(now); // every minute before this one has ended
  const { first, last } = await sliceSpan(feature.name, slo.name);
  ctx.state.firstSlice ??= end;
  // Minutes not closed yet, and closed ones recent enough that late samples may still change them
  // (never before the SLO's first slice: minutes before it existed are not judged).
  const from = new Date(
    Math.max(
      first && last
        ? Math.max(first.getTime(), Math.min(last.getTime() + 60_000, end.getTime() - LATE_SAMPLE_LOOKBACK_MS))
        : ctx.state.firstSlice.getTime(),
      end.getTime() - MAX_BACKFILL_MS,
    ),
  );
  if (from >= end) return;
  const labels = { feature: feature.name, slo: slo.name };
  const [points, observed, dropped] = await Promise.all([
    seriesPoints(SERIES.sloSliValue, labels, from, end),
    seriesPoints(SERIES.sloObserved, labels, from, end),
    sampleDropsBetween(from, end),
  ]);
  await upsertSlices(
    feature.name,
    slo.name,
    buildSlices(
      points,
      from,
      end,
      slo.threshold,
      observed.map((p) => p.ts),
      dropped,
      SLI_BAD_WHEN[slo.sli],
    ),
  );
}

function summaryOf(target: SloTarget, v: RuleVerdict): string {
  const fmt = (x: number | null) => (x === null ? 'unknown' : `${x.toFixed(1)}×`);
  return `${target.feature.name}/${target.slo.name} is burning its error budget at ${fmt(v.burnLong)} over ${WINDOW_LABEL(v.rule.longWindowSeconds)} and ${fmt(v.burnShort)} over ${WINDOW_LABEL(v.rule.shortWindowSeconds)} (${v.rule.severity} threshold ${v.threshold.toFixed(1)}×)`;
}

async function transitionAlerts(
  target: SloTarget,
  verdicts: RuleVerdict[],
  now: Date,
  cause: Cause | null,
  webhooks: readonly string[],
): Promise<void> {
  const open = await openAlerts(target.feature.name, target.slo.name);
  for (const v of verdicts) {
    const current = open.find((a) => a.rule === v.rule.name);
    if (v.firing && !current) {
      await fireAlert(
        {
          feature: target.feature.name,
          slo: target.slo.name,
          rule: v.rule.name,
          severity: v.rule.severity,
          firedAt: now,
          burnLong: v.burnLong,
          burnShort: v.burnShort,
          summary: summaryOf(target, v),
          cause,
        },
        webhooks,
      );
    } else if (!v.firing && current) {
      await resolveAlert(current.id, now, webhooks);
    }
  }
}

export function createSloEvaluator(): Evaluator<SloTarget, EvaluatorState> {
  return {
    // Scrape-status rows and lease keys carry this name; changing it would orphan both.
    name: 'slo-evaluator',
    targets: (config) =>
      config.features.flatMap((feature) => feature.slos.map((slo) => ({ name: `${feature.name}/${slo.name}`, feature, slo }))),
    initialState: () => ({}),
    async evaluate(ctx) {
      const { feature, slo } = ctx.target;
      const now = ctx.now();
      const staleAfterSeconds = readingFreshForSeconds(ctx.config, feature, slo);
      const since = new Date(now.getTime() - staleAfterSeconds * 1000);
      // Trends look back over GROWTH_READINGS + 1 runs (plus one of slack).
      const trendSince = new Date(now.getTime() - (GROWTH_READINGS + 2) * ctx.config.collectors.intervalSeconds * 1000);
      const sli = await computeSli(
        ctx.config,
        feature,
        slo,
        (selector) => newestReadings(selector, since),
        (selector) => recentReadings(selector, trendSince),
      );

      await closeFinishedSlices(ctx, now);
      const period = durationSeconds(slo.period);
      const windows = [...new Set([period, ...BURN_RULES.flatMap((r) => [r.longWindowSeconds, r.shortWindowSeconds])])];
      const counts = await sliceCounts(feature.name, slo.name, windows, now);
      // Burn is measured against the whole window: minutes before this SLO was first evaluated are
      // not judged either way, so a fresh install's first bad minute is 1/60 of an hour, not 1/1.
      // Minutes without data after that are stored as bad slices and count in full.
      const countsOver = (w: number) => {
        const c = counts.get(w) ?? { bad: 0, total: 0 };
        return c.total === 0 ? c : { bad: c.bad, total: Math.max(c.total, w / 60) };
      };
      const verdicts = evaluateBurnRules(countsOver, slo.objective, period);
      const budget = budgetRemaining(countsOver(period), slo.objective, period);
      const status = sloStatus({
        latestValue: sli.value,
        latestAgeSeconds: sli.value === null ? null : 0,
        staleAfterSeconds,
        threshold: slo.threshold,
        badWhen: SLI_BAD_WHEN[slo.sli],
        budgetRemaining: budget,
        rules: verdicts,
        warnings: sli.warnings,
      });
      const collectors = await hopCollectors(ctx.config);
      const collectorFailure = collectors.failure;
      const finding = causeOf(status, sli, { scope: sliScope(ctx.config, feature, slo), period: slo.period, collectorFailure });
      const cause = await rememberCause(ctx.state, feature.name, slo.name, finding, now);
      await recordSignals(sli, collectorFailure, now, ctx.config.collectors.intervalSeconds);
      const observed = observedNow(sli, collectors, since);
      const exhaustIn = secondsToExhaustion(budget, verdicts[0]?.burnLong ?? null, period);
      const burnRates = Object.fromEntries(
        verdicts.flatMap((v) => [
          [WINDOW_LABEL(v.rule.longWindowSeconds), v.burnLong],
          [WINDOW_LABEL(v.rule.shortWindowSeconds), v.burnShort],
        ]),
      );
      await upsertSloState({
        feature: feature.name,
        slo: slo.name,
        tier: feature.tier,
        status,
        sliValue: sli.value,
        budgetRemaining: budget,
        burnRates,
        exhaustionAt: exhaustIn === null ? null : new Date(now.getTime() + exhaustIn * 1000),
        evaluatedAt: now,
        cause,
      });
      // Each transition also writes its webhook deliveries; the alert-delivery job sends them.
      const webhooks = ctx.config.alerts.webhooks.map((w) => w.name);
      await transitionAlerts(ctx.target, verdicts, now, cause, webhooks);

      const labels = { feature: feature.name, slo: slo.name };
      const samples = [
        ...(sli.value === null ? [] : [{ metric: SERIES.sloSliValue, labels, value: sli.value }]),
        ...(observed ? [{ metric: SERIES.sloObserved, labels, value: 1 }] : []),
      ];
      const budgetWords = budget === null ? 'budget unknown' : `budget ${(budget * 100).toFixed(1)} %`;
      return {
        samples,
        summary: `${status}: sli ${sli.value ?? 'unknown'} (threshold ${slo.threshold}), ${budgetWords}${cause ? `: ${cause.words}` : ''}`,
        notes: [...sli.missing.map((m) => `unknown: no fresh reading for ${m.what}`), ...sli.warnings.map((w) => w.words)],
      };
    },
  };
}
