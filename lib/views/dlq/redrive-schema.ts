// Shapes of the redrive API: the request (what to select, dry run or not) and the answers (what
// would be or was sent where, and the audit of past redrives). Types derive from these.
import { z } from 'zod';

const offset = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const redriveRequestSchema = z
  .strictObject({
    dryRun: z.boolean(),
    partition: z.number().int().min(0).max(100_000).optional(),
    fromOffset: offset.optional(),
    toOffset: offset.optional(),
    errorClass: z.string().min(1).max(200).optional(),
    key: z.string().min(1).max(1000).optional(),
  })
  .refine((r) => r.fromOffset === undefined || r.toOffset === undefined || r.fromOffset < r.toOffset, {
    path: ['toOffset'],
    error: 'expected toOffset above fromOffset',
  });
export type RedriveRequest = z.output<typeof redriveRequestSchema>;

export const redriveItemSchema = z.object({
  partition: z.number(),
  offset: z.number(),
  key: z.string().nullable(),
  errorClass: z.string(),
  targetTopic: z.string().nullable(),
  redriveCount: z.number(),
  action: z.enum(['send', 'refuse']),
  reason: z.string().nullable(),
  result: z.enum(['planned', 'sent', 'refused', 'failed']),
  targetPartition: z.number().nullable(),
  targetOffset: z.number().nullable(),
  detail: z.string().nullable(),
});

export const redriveOutcomeSchema = z.object({
  dlq: z.string(),
  topic: z.string(),
  dryRun: z.boolean(),
  complete: z.boolean(),
  items: z.array(redriveItemSchema),
});
export type RedriveOutcomeView = z.output<typeof redriveOutcomeSchema>;

export const redriveAuditSchema = z.object({
  dlq: z.string(),
  rows: z.array(
    z.object({
      requestedBy: z.string(),
      requestedAt: z.string(),
      sourcePartition: z.number(),
      sourceOffset: z.number(),
      messageKey: z.string().nullable(),
      targetTopic: z.string().nullable(),
      targetPartition: z.number().nullable(),
      targetOffset: z.number().nullable(),
      redriveCount: z.number(),
      result: z.string(),
      detail: z.string().nullable(),
    }),
  ),
});
export type RedriveAuditView = z.output<typeof redriveAuditSchema>;
