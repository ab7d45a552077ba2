// Why an SLO is not ok, in a shape the store, the APIs, /metrics and the webhooks share. A cause
// names one hop, one signal and the figure behind it, and since when it has been seen, so an SRE
// knows where to look without opening anything else.
import { z } from 'zod';

/**
 * stalled          a consumer group with no members, or one whose offsets stopped moving
 * backlog_growing  a queue (outbox, consumer lag) that grew on every recent run
 * rejections       a search index refusing writes
 * unreachable      the collector for this hop is failing (connection refused, auth, timeout)
 * no_data          the collector runs but holds no fresh reading for this hop
 * threshold        the SLI itself is over its threshold, at this hop
 * wal_at_risk      a CDC slot whose WAL is about to be (or was) removed: unreserved, lost, low safe_wal_size
 * budget_spent     the error budget of the period is gone (the hop is where the SLI is measured)
 */
export const CAUSE_SIGNALS = [
  'stalled',
  'backlog_growing',
  'rejections',
  'unreachable',
  'no_data',
  'threshold',
  'wal_at_risk',
  'budget_spent',
] as const;
export type CauseSignal = (typeof CAUSE_SIGNALS)[number];

export const causeSchema = z.object({
  hop: z.object({ kind: z.string(), name: z.string() }),
  signal: z.enum(CAUSE_SIGNALS),
  /** The figure behind the signal, e.g. 42 "s" or 3.5 "messages/min"; null when there is none. */
  figure: z.object({ value: z.number(), unit: z.string() }).nullable(),
  /** ISO time of the first evaluation that saw this hop and signal, kept while it lasts. */
  since: z.string(),
  /** One sentence: "search-indexer stalled on order-events: 42 messages, 42 s behind, no members". */
  words: z.string(),
});
export type Cause = z.infer<typeof causeSchema>;

/** What the evaluator finds before it knows since when; `since` is carried over between runs. */
export type Finding = Omit<Cause, 'since'>;

/** Label-safe hop for /metrics: `kind:name`, with anything outside [A-Za-z0-9_.:-] replaced. */
export function causeHopLabel(cause: Pick<Cause, 'hop'> | null): string {
  if (!cause) return '';
  return `${cause.hop.kind}:${cause.hop.name}`.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 120);
}

/** Keeps `since` while the same hop shows the same signal, starts it anew otherwise. */
export function carrySince(finding: Finding, previous: Cause | null, now: Date): Cause {
  const same =
    previous && previous.hop.kind === finding.hop.kind && previous.hop.name === finding.hop.name && previous.signal === finding.signal;
  return { ...finding, since: same ? previous.since : now.toISOString() };
}

/** The sentence a webhook or a log line carries: the words plus since when, in UTC. */
export function causeSentence(cause: Cause): string {
  return `${cause.words} (since ${cause.since.slice(11, 19)} UTC)`;
}

/**
 * A signal not seen again for this long has ended (the incident timeline's bars): three collector
 * intervals, so one late run does not split an episode, and at least two one-minute slices.
 */
export const episodeGapSeconds = (intervalSeconds: number) => Math.max(3 * intervalSeconds, 120);
