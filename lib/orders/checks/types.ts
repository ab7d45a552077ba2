// Live checks against the monitored systems for one order: each says what it found and when, or
// "could not check: <why>" — never a silent blank (unknown is not zero).

export type CheckKind = 'outbox' | 'dlq' | 'search';

export interface CheckResult {
  kind: CheckKind;
  /** The config name of the outbox, DLQ or index checked. */
  target: string;
  /** found: the order is there; absent: looked and it is not; unknown: could not look. */
  status: 'found' | 'absent' | 'unknown';
  /** A full sentence for the checks table. */
  summary: string;
  /** A short clause for the missing-hop sentence: "outbox row still unsent". */
  phrase: string;
  checkedAt: string;
  durationMs: number;
}
