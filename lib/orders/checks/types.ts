// Live checks against the monitored systems for one order: each says what it found and when, or
// "could not check: <why>" — never a silent blank (unknown is not zero). A zod schema, because the
// result is part of GET /api/orders/:id's answer; the type is derived from it.
import { z } from 'zod';

export const CHECK_KINDS = ['outbox', 'dlq', 'search'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const checkResultSchema = z.object({
  kind: z.enum(CHECK_KINDS),
  /** The config name of the outbox, DLQ or index checked. */
  target: z.string(),
  /** found: the order is there; absent: looked and it is not; unknown: could not look. */
  status: z.enum(['found', 'absent', 'unknown']),
  /** A full sentence for the checks table. */
  summary: z.string(),
  /** A short clause for the missing-hop sentence: "outbox row still unsent". */
  phrase: z.string(),
  checkedAt: z.string(),
  durationMs: z.number(),
});

export type CheckResult = z.output<typeof checkResultSchema>;
