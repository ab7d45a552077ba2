// The first expected hop that no span shows, in one sentence an SRE can act on: what happened last
// and when, what did not happen, and what the live checks say about it, e.g.
// "committed in Postgres 14:02:11, never published: outbox row still unsent".
import type { CheckKind, CheckResult } from './checks/types';
import type { ExpectedHop, ExpectedPipeline } from './types';
import { clockTime } from './words';

/** "committed in Postgres" from "committed in Postgres (outbox orders-outbox)". */
const done = (hop: ExpectedHop) => hop.label.replace(/ \(.*\)$/, '');

const never: Record<ExpectedHop['kind'], (hop: ExpectedHop) => string> = {
  commit: () => 'no commit in Postgres observed',
  publish: () => 'never published',
  consume: (hop) => `never consumed by ${hop.stage}`,
  index: (hop) => `never ${done(hop)}`,
};

const TRIED: Record<ExpectedHop['kind'], string> = { commit: 'commit', publish: 'publish', consume: 'processing', index: 'indexing' };

/** Which live check speaks to a missing hop of this kind. */
const EVIDENCE: Record<ExpectedHop['kind'], CheckKind> = { commit: 'outbox', publish: 'outbox', consume: 'dlq', index: 'search' };

function evidence(hop: ExpectedHop, checks: readonly CheckResult[], deadLettered: ExpectedPipeline['deadLettered']): string | undefined {
  if (hop.kind === 'consume' && deadLettered) return `sent to DLQ ${deadLettered.topic} ${clockTime(deadLettered.atUs)}`;
  const kind = EVIDENCE[hop.kind];
  const relevant = checks.filter((c) => c.kind === kind && (kind !== 'outbox' || c.target === hop.stage));
  // For the DLQ only a hit explains anything; "no message in the DLQ" is not why a hop is missing.
  const useful = kind === 'dlq' ? relevant.filter((c) => c.status === 'found') : relevant;
  return useful.length ? useful.map((c) => c.phrase).join('; ') : undefined;
}

export function describeFirstMissing(
  hops: readonly ExpectedHop[],
  deadLettered: ExpectedPipeline['deadLettered'],
  checks: readonly CheckResult[],
): ExpectedPipeline['firstMissing'] {
  const index = hops.findIndex((h) => h.observed === null);
  if (index === -1) return null;
  const hop = hops[index]!;
  const prev = index > 0 ? hops[index - 1] : undefined;
  const parts: string[] = [];
  if (prev?.observed) {
    const failed = prev.observed.failed ? ` but failed${prev.observed.statusMessage ? ` (${prev.observed.statusMessage})` : ''}` : '';
    parts.push(`${done(prev)} ${clockTime(prev.observed.atUs)}${failed}`);
  }
  parts.push(never[hop.kind](hop));
  const attempt = hop.failedAttempt;
  const tried = attempt
    ? `${TRIED[hop.kind]} failed ${clockTime(attempt.atUs)}${attempt.statusMessage ? ` (${attempt.statusMessage})` : ''}`
    : undefined;
  const found = [tried, evidence(hop, checks, deadLettered)].filter(Boolean).join('; ');
  let words = parts.join(', ') + (found ? `: ${found}` : '');
  if (hops.slice(index + 1).some((h) => h.observed)) words += ' (later hops were observed: this one may just not be traced)';
  return { index, words };
}
