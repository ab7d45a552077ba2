import type { z } from 'zod';
import { bool, int, obj, topic } from './fields';

// DLQ redrive: sending dead letters back to the topic they came from, the one write Truthflow makes
// to a monitored system. Off unless a DLQ says `redrive: { enabled: true }`; admins only; dry-run
// first, a loop guard, an idempotent producer, a rate limit and an audit row (lib/dlq/redrive*.ts).
export const redriveSchema = obj({
  enabled: bool().default(false),
  /** Messages one request may send (and one dry run may list). */
  maxPerRequest: int(1, 1000).default(100),
  /** Where to send a message whose headers name no original topic (Spring or Kafka Connect). */
  topic: topic().optional(),
  /** A message already redriven this many times is refused: it keeps failing for a reason. */
  maxRedrives: int(1, 100).default(3),
  /** Messages sent per second at most, so a redrive cannot flood the consumers that failed once. */
  ratePerSecond: int(1, 10_000).default(20),
});

export type RedriveConfig = z.output<typeof redriveSchema>;
