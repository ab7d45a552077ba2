// The cause half of an SLO evaluation: which collector is failing for an unreadable hop, the cause
// with its `since` carried over from the previous run (or the stored state after a restart), and
// the hop signals the incident timeline draws.
import type { TruthflowConfig } from '@/lib/config';
import { carrySince, episodeGapSeconds, type Cause, type Finding } from '@/lib/slo/cause';
import { collectorOfHop } from '@/lib/slo/collector-of-hop';
import type { Hop } from '@/lib/slo/hops';
import type { SliResult } from '@/lib/slo/sli';
import { findingForMissing } from '@/lib/slo/status';
import { recordHopSignals } from '@/lib/store/queries/hop-signals';
import { listScrapeStatus, type ScrapeStatusView } from '@/lib/store/queries/scrape-status';
import { storedCause } from '@/lib/store/queries/slo-state';

const clock = (d: Date) => d.toISOString().slice(11, 16);

/** What the collectors' scrape status says about a hop: why it fails, and whether it ran lately. */
export interface HopCollectors {
  /** "kafka-lag collector failing for events (3 runs, last success 19:46 UTC): connection refused", or null. */
  failure: (hop: Hop) => string | null;
  /** The hop's collector attempted a run since `since` (whatever the outcome). */
  ranSince: (hop: Hop, since: Date) => boolean;
}

export async function hopCollectors(config: TruthflowConfig): Promise<HopCollectors> {
  const rows: ScrapeStatusView[] = await listScrapeStatus();
  // A collector may split a source into several targets ("events:0/3"); any of them counts.
  const rowsOf = (hop: Hop) => {
    const c = collectorOfHop(config, hop);
    return c ? rows.filter((r) => r.collector === c.collector && (r.source === c.source || r.source.startsWith(`${c.source}:`))) : [];
  };
  return {
    failure: (hop) => {
      const failing = rowsOf(hop).find((r) => r.consecutiveFailures > 0);
      if (!failing) return null;
      const lastSuccess = failing.lastSuccessAt ? `last success ${clock(failing.lastSuccessAt)} UTC` : 'never succeeded';
      return `${failing.collector} collector failing for ${failing.source} (${failing.consecutiveFailures} runs, ${lastSuccess}): ${failing.lastErrorMessage ?? failing.lastErrorKind ?? 'unknown error'}`;
    },
    ranSince: (hop, since) => rowsOf(hop).some((r) => r.lastAttemptAt !== null && r.lastAttemptAt >= since),
  };
}

/**
 * Whether this evaluation observed the SLO: its value is known, or every hop it could not read has
 * a collector that ran lately (so the monitored system, not Truthflow, gave nothing).
 */
export function observedNow(sli: SliResult, collectors: HopCollectors, since: Date): boolean {
  return sli.value !== null || (sli.missing.length > 0 && sli.missing.every((m) => collectors.ranSince(m.hop, since)));
}

export interface CauseMemory {
  /** undefined until read from the store once; null when the SLO was ok. */
  cause?: Cause | null;
}

/** The cause to store: the finding with `since` carried over while hop and signal stay the same. */
export async function rememberCause(
  memory: CauseMemory,
  feature: string,
  slo: string,
  finding: Finding | null,
  now: Date,
): Promise<Cause | null> {
  if (memory.cause === undefined) memory.cause = await storedCause(feature, slo);
  memory.cause = finding ? carrySince(finding, memory.cause, now) : null;
  return memory.cause;
}

/** Every signal seen on the SLO's hops this run, for the incident timeline. */
export async function recordSignals(sli: SliResult, collectorFailure: (hop: Hop) => string | null, now: Date, intervalSeconds: number) {
  const findings = [
    ...sli.warnings,
    ...(sli.overThreshold ? [sli.overThreshold] : []),
    ...sli.missing.map((gap) => findingForMissing(gap, collectorFailure)),
  ];
  await recordHopSignals(findings, now, episodeGapSeconds(intervalSeconds));
}
