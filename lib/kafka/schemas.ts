// What the kafkajs admin calls return, checked before use: a broker or library upgrade that
// changes a shape must fail as a "parse" error naming the call, not as a NaN lag on screen.
import { z } from 'zod';
import { TruthflowError } from '@/lib/errors';

/** Kafka offsets arrive as decimal strings (int64); -1 means "none". */
const offset = z
  .string()
  .regex(/^-?\d+$/)
  .transform((s) => Number(s))
  .refine((n) => Number.isSafeInteger(n) && n >= -1, { error: 'expected an offset ≥ -1 within 2^53' });

const partition = z.number().int().min(0);

export const listGroupsSchema = z.object({
  groups: z.array(z.object({ groupId: z.string(), protocolType: z.string() })),
});

export const describeGroupsSchema = z.object({
  groups: z.array(
    z.object({
      groupId: z.string(),
      state: z.string(),
      members: z.array(z.unknown()),
    }),
  ),
});

export const fetchOffsetsSchema = z.array(
  z.object({
    topic: z.string(),
    partitions: z.array(z.object({ partition, offset })),
  }),
);

export const topicOffsetsSchema = z.array(z.object({ partition, high: offset }));

export function parseResponse<T>(schema: z.ZodType<T>, value: unknown, call: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new TruthflowError('parse', `unexpected answer to ${call}: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? ''}`.trim());
}
