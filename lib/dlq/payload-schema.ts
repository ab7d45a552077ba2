// How a peeked dead letter's payload is shown, as one zod schema: the redaction (./redact.ts)
// produces it, the DLQ API checks and the page reads it. Plain zod, so the browser can load it.
import { z } from 'zod';

export const shownPayloadSchema = z.union([
  z.object({ kind: z.literal('json'), value: z.unknown(), redactedFields: z.number() }),
  z.object({ kind: z.literal('text'), text: z.string(), truncated: z.boolean(), note: z.string() }),
  /** Not shown at all: binary (PII cannot be located in it) or empty (a tombstone). */
  z.object({ kind: z.enum(['binary', 'empty']), bytes: z.number(), note: z.string() }),
]);
export type ShownPayload = z.output<typeof shownPayloadSchema>;
