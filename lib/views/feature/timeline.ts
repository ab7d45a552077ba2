// The feature page's incident timeline: every hop of the feature's pipelines, with the signal
// episodes the SLO evaluator recorded on them over the chosen range, so "the relay stopped at
// 14:02, lag followed at 14:03" reads at a glance.
import type { FeatureConfig, TruthflowConfig } from '../../config';
import { CAUSE_SIGNALS, type CauseSignal } from '../../slo/cause';
import { hopKey, type Hop } from '../../slo/hops';
import type { HopSignalEpisode } from '../../store/queries/hop-signals';
import type { Episode, Timeline } from './schema';

/** Every stage of the feature's pipelines, once each, in pipeline order. */
export function timelineHops(config: TruthflowConfig, feature: FeatureConfig): Hop[] {
  const hops = new Map<string, Hop>();
  for (const pipeline of config.pipelines.filter((p) => feature.pipelines.includes(p.name))) {
    for (const stage of pipeline.stages) hops.set(hopKey(stage), { kind: stage.kind, name: stage.name });
  }
  return [...hops.values()];
}

const isSignal = (s: string): s is CauseSignal => (CAUSE_SIGNALS as readonly string[]).includes(s);

/** An episode last seen within `openForSeconds` of now is still going: it has no end yet. */
export function buildTimeline(hops: Hop[], rows: HopSignalEpisode[], from: Date, to: Date, openForSeconds: number): Timeline {
  const openSince = to.getTime() - openForSeconds * 1000;
  const episodes: Episode[] = rows
    .filter((r) => isSignal(r.signal))
    .map((r) => ({
      hopKind: r.hopKind,
      hopName: r.hopName,
      signal: r.signal as CauseSignal,
      startedAt: r.startedAt.toISOString(),
      endedAt: r.lastSeenAt.getTime() >= openSince ? null : r.lastSeenAt.toISOString(),
      words: r.words,
    }));
  return { from: from.toISOString(), to: to.toISOString(), hops, episodes };
}
